// Flat (non-nested) Parquet columns decoded page by page with hyparquet's own page decoders, but
// without its row assembly: hyparquet assembles every optional column through its general
// nested-list path into boxed JS arrays, which on the benchmark file took ~20% of the time plus
// most of the garbage collection. Here a column is its non-null values (typed arrays where
// hyparquet gives them) plus a presence mask. Nested columns still go through parquetRead.
// The page decoders are hyparquet's src/*.js modules (its exports map allows them, but they are
// not its documented API), so packages/data pins hyparquet to one exact version.
import type { DecodedArray, FileMetaData, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS, convert, convertWithDictionary } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { getMaxDefinitionLevel, isFlatColumn } from 'hyparquet/src/schema.js';
import { compressors } from 'hyparquet-compressors';

type ColumnDecoder = Parameters<typeof readDataPageV2>[2];

/** One column of one row group: `values` holds the non-null values in row order. */
export interface FlatColumn {
  rows: number;
  /** 1 where the row has a value, 0 for null; null when no row is null. */
  present: Uint8Array | null;
  values: ArrayLike<unknown> | LazyValues<unknown>;
}

/** The decoder of a top-level column, or undefined when it is nested (lists, maps, structs). */
export function flatDecoder(schema: SchemaTree, name: string, metadata: FileMetaData, group: number): { decoder: ColumnDecoder; start: number; end: number } | undefined {
  const child = schema.children.find((c) => c.element.name === name);
  if (!child) return undefined;
  const schemaPath = [schema, child];
  if (!isFlatColumn(schemaPath)) return undefined;
  const chunk = metadata.row_groups[group]!.columns.find((c) => c.meta_data?.path_in_schema.join('.') === name);
  const meta = chunk?.meta_data;
  if (!meta) return undefined;
  const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
  const dataStart = Number(meta.data_page_offset);
  const first = meta.dictionary_page_offset !== undefined && Number(meta.dictionary_page_offset) > 0 ? Math.min(start, dataStart) : dataStart;
  return {
    decoder: { pathInSchema: meta.path_in_schema, type: meta.type, element: child.element, schemaPath, codec: meta.codec, parsers: DEFAULT_PARSERS, compressors },
    start: first,
    end: first + Number(meta.total_compressed_size),
  };
}

/** Decodes every page of one column chunk (`bytes`) holding `rows` rows. */
export function readFlatColumn(bytes: Uint8Array, decoder: ColumnDecoder, rows: number): FlatColumn {
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const maxDefinition = getMaxDefinitionLevel(decoder.schemaPath);
  const present = maxDefinition > 0 ? new Uint8Array(rows) : null;
  const pieces: DecodedArray[] = [];
  let dictionary: DecodedArray | undefined;
  let row = 0;
  let nulls = 0;
  while (row < rows && reader.offset < bytes.byteLength) {
    const header = parquetHeader(reader);
    const pageBytes = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(pageBytes, Number(header.uncompressed_page_size), decoder.codec, decoder.compressors);
      const plain = readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, decoder.type, header.dictionary_page_header!.num_values, decoder.element.type_length);
      dictionary = convert(plain, decoder);
      continue;
    }
    let definitionLevels: ArrayLike<number> | undefined;
    let dataPage: DecodedArray;
    let encoding: string;
    let count: number;
    /** Values already final (strings, or looked up in the dictionary): nothing left to convert. */
    let decodedText = false;
    if (header.type === 'DATA_PAGE') {
      const page = decompressPage(pageBytes, Number(header.uncompressed_page_size), decoder.codec, decoder.compressors);
      const v1 = readPageV1(page, header.data_page_header!, decoder, maxDefinition, dictionary);
      ({ definitionLevels, dataPage } = v1);
      decodedText = v1.final;
      encoding = header.data_page_header!.encoding;
      count = header.data_page_header!.num_values;
    } else if (header.type === 'DATA_PAGE_V2') {
      ({ definitionLevels, dataPage } = readDataPageV2(pageBytes, header, decoder));
      encoding = header.data_page_header_v2!.encoding;
      count = header.data_page_header_v2!.num_values;
    } else {
      continue; // index pages
    }
    pieces.push(decodedText ? dataPage : convertWithDictionary(dataPage, dictionary, encoding as never, decoder));
    if (present !== null) {
      if (definitionLevels && definitionLevels.length > 0) {
        for (let i = 0; i < count; i++) {
          if (definitionLevels[i] === maxDefinition) present[row + i] = 1;
          else nulls++;
        }
      } else present.fill(1, row, row + count);
    }
    row += count;
  }
  if (row !== rows) throw new Error(`column ${decoder.pathInSchema.join('.')}: ${row} values for ${rows} rows`);
  return { rows, present: nulls > 0 ? present : null, values: join(pieces) };
}

/**
 * A v1 data page of a flat column, for the common encodings; anything else goes to hyparquet's
 * readDataPage. hyparquet keeps levels and dictionary indices in JS arrays, looks a typed
 * dictionary (int64, double) up into an array of boxed values, and makes a Uint8Array view per
 * string before decoding it. Here levels and indices are typed arrays, a typed dictionary gives a
 * typed array, and strings are decoded straight from the page (`final`: nothing left to convert).
 * On the benchmark file this halves the garbage of decoding, which otherwise outlives the young
 * generation and grows the heap.
 */
function readPageV1(page: Uint8Array, header: { num_values: number; encoding: string }, decoder: ColumnDecoder, maxDefinition: number, dictionary: DecodedArray | undefined): { definitionLevels: ArrayLike<number> | undefined; dataPage: DecodedArray; final: boolean } {
  const { encoding, num_values: count } = header;
  const dictionaryEncoded = (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') && dictionary !== undefined;
  const text = encoding === 'PLAIN' && isText(decoder);
  if (!dictionaryEncoded && encoding !== 'PLAIN') {
    const { definitionLevels, dataPage } = readDataPage(page, header as Parameters<typeof readDataPage>[1], decoder);
    return { definitionLevels, dataPage, final: false };
  }
  const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
  let definitionLevels: Uint8Array | undefined;
  let values = count;
  if (maxDefinition > 0) {
    definitionLevels = new Uint8Array(count);
    readRleBitPackedHybrid(reader, 32 - Math.clz32(maxDefinition), definitionLevels);
    for (let i = 0; i < count; i++) if (definitionLevels[i] !== maxDefinition) values--;
  }
  if (text) return { definitionLevels, dataPage: new PlainText(page, reader.offset, values) as unknown as DecodedArray, final: true };
  if (!dictionaryEncoded) return { definitionLevels, dataPage: readPlain(reader, decoder.type, values, decoder.element.type_length), final: false };
  const bitWidth = reader.view.getUint8(reader.offset++);
  const indices = new Int32Array(values);
  if (bitWidth > 0) readRleBitPackedHybrid(reader, bitWidth, indices, page.byteLength - reader.offset);
  return { definitionLevels, dataPage: lookUp(indices, dictionary!), final: true };
}

/** Whether hyparquet would turn the column's byte arrays into UTF-8 strings (and nothing else). */
function isText(decoder: ColumnDecoder): boolean {
  const { type, converted_type: converted, logical_type: logical } = decoder.element;
  return decoder.type === 'BYTE_ARRAY' && type === 'BYTE_ARRAY' && (converted === 'UTF8' || logical?.type === 'STRING');
}

/** Decoded values made one at a time when visited, so that no column-long array of them is built. */
export abstract class LazyValues<T> {
  abstract readonly length: number;
  abstract at(i: number): T;

  toArray(): T[] {
    const out = new Array<T>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }
}

/**
 * PLAIN UTF-8 byte arrays (a 4-byte length, then the bytes) left in the page: each string is made
 * when visited (`at`), so it dies young instead of a whole column of strings surviving
 * scavenges into the old generation while it is validated. Bad bytes become U+FFFD, as with
 * TextDecoder.
 */
export class PlainText extends LazyValues<string> {
  readonly length: number;
  private readonly bytes: Buffer & { utf8Slice(start: number, end: number): string };
  /** Start and end of value i at 2i and 2i + 1. */
  private readonly bounds: Uint32Array;

  constructor(page: Uint8Array, offset: number, count: number) {
    super();
    this.length = count;
    this.bytes = Buffer.from(page.buffer, page.byteOffset, page.byteLength) as PlainText['bytes'];
    this.bounds = new Uint32Array(2 * count);
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    let at = offset;
    for (let i = 0; i < count; i++) {
      const length = view.getUint32(at, true);
      at += 4;
      if (at + length > page.byteLength) throw new Error('parquet page ends inside a string value');
      this.bounds[2 * i] = at;
      this.bounds[2 * i + 1] = at + length;
      at += length;
    }
  }

  at(i: number): string {
    return this.bytes.utf8Slice(this.bounds[2 * i]!, this.bounds[2 * i + 1]!);
  }
}

/**
 * Dictionary-encoded values whose dictionary is a JS array (strings, mostly): looked up when
 * visited. An array of a row group's values (124k pointers, 1 MB) lands in V8's large-object
 * space, which only a full GC frees; two such per text column and row group piled up between full
 * GCs and made peak memory grow with the file (10M-row bench file: see parallel-parquet.ts).
 */
export class DictionaryValues extends LazyValues<unknown> {
  readonly length: number;
  private readonly indices: Int32Array;
  private readonly dictionary: ArrayLike<unknown>;

  constructor(indices: Int32Array, dictionary: ArrayLike<unknown>) {
    super();
    this.length = indices.length;
    this.indices = indices;
    this.dictionary = dictionary;
  }

  at(i: number): unknown {
    return this.dictionary[this.indices[i]!];
  }
}

/** Dictionary indices to values; a typed dictionary keeps its array type (no boxed value per row). */
function lookUp(indices: Int32Array, dictionary: DecodedArray): DecodedArray {
  for (let i = 0; i < indices.length; i++) if (indices[i]! >= dictionary.length) throw new Error(`parquet dictionary index ${indices[i]} out of range`);
  if (ArrayBuffer.isView(dictionary)) {
    const typed = dictionary as unknown as ArrayBufferView & { length: number; BYTES_PER_ELEMENT: number };
    const out = new (typed.constructor as new (length: number) => ArrayBufferView & { [i: number]: unknown })(indices.length);
    if (typed.BYTES_PER_ELEMENT % 4 === 0) {
      // Copied as 32-bit words: reading an int64 element would box a BigInt per row.
      const words = typed.BYTES_PER_ELEMENT / 4;
      const from = new Int32Array(typed.buffer, typed.byteOffset, typed.length * words);
      const to = new Int32Array(out.buffer, out.byteOffset, indices.length * words);
      for (let i = 0; i < indices.length; i++) for (let w = 0; w < words; w++) to[i * words + w] = from[indices[i]! * words + w]!;
    } else {
      for (let i = 0; i < indices.length; i++) out[i] = (dictionary as ArrayLike<unknown>)[indices[i]!];
    }
    return out as unknown as DecodedArray;
  }
  return new DictionaryValues(indices, dictionary) as unknown as DecodedArray;
}

function join(pieces: DecodedArray[]): ArrayLike<unknown> | LazyValues<unknown> {
  if (pieces.length === 1) return pieces[0]!;
  // Several pages of text: made into values here (the benchmark's writers put a row group's column in one page).
  if (pieces.some((piece) => piece instanceof LazyValues)) return join(pieces.map((piece) => (piece instanceof LazyValues ? piece.toArray() : piece)) as DecodedArray[]);
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const first = pieces[0];
  if (first && ArrayBuffer.isView(first) && pieces.every((piece) => piece.constructor === first.constructor)) {
    const out = new (first.constructor as new (length: number) => { set(array: ArrayLike<unknown>, offset: number): void })(total);
    let at = 0;
    for (const piece of pieces) {
      out.set(piece as ArrayLike<unknown>, at);
      at += piece.length;
    }
    return out as unknown as ArrayLike<unknown>;
  }
  const out: unknown[] = new Array(total);
  let at = 0;
  for (const piece of pieces) for (let i = 0; i < piece.length; i++) out[at++] = piece[i];
  return out;
}
