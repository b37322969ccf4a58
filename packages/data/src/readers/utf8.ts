/** 0-based count of line breaks before the first invalid UTF-8 sequence (only called on error). */
export function linesBeforeInvalidUtf8(bytes: Uint8Array): number {
  let lines = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    if (b < 0x80) {
      if (b === 0x0a) lines++;
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return lines;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return lines;
    }
    i += need + 1;
  }
  return lines;
}
