/** Splits a stream of text chunks into lines (newline-delimited JSON of a watch). */
export function splitLines(onLine: (line: string) => void): (chunk: string) => void {
  let rest = '';
  return (chunk: string) => {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl).trim();
      if (line) onLine(line);
      start = nl + 1;
    }
    rest = text.slice(start);
  };
}
