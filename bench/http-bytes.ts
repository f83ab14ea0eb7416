import { request } from 'node:http';

/** Raw bytes of a response body, uncompressed and gzip (node:http: fetch would decode it). */
export function bodyBytes(
  url: string,
  headers: Record<string, string>,
  encoding: 'identity' | 'gzip',
): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { ...headers, 'accept-encoding': encoding } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}
