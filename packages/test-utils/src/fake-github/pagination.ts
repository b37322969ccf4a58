// GitHub's list pagination: `per_page` (default 30, at most 100) and `page` (from 1), with an
// RFC 5988 `link` header naming prev/next/last/first in the order GitHub sends them. GitHub writes
// the links against `/repositories/{id}/...` rather than `/repos/{owner}/{repo}/...`; the fake
// does the same (and routes that alias), so a client that follows links is tested for real.

export interface Page<T> { items: T[]; link: string | undefined }

export function paginate<T>(all: readonly T[], requestUrl: URL, aliasPath: string): Page<T> {
  const perPage = clamp(Number(requestUrl.searchParams.get('per_page') ?? 30), 1, 100, 30);
  const page = clamp(Number(requestUrl.searchParams.get('page') ?? 1), 1, Number.MAX_SAFE_INTEGER, 1);
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const pageUrl = (n: number): string => {
    const url = new URL(aliasPath, requestUrl);
    for (const [name, value] of requestUrl.searchParams) if (name !== 'page') url.searchParams.append(name, value);
    url.searchParams.append('page', String(n));
    return url.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  return { items, link: links.length > 0 ? links.join(', ') : undefined };
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
