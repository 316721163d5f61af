/** The human formats a report renders to; `json` is the data itself. */
export type ReportFormat = 'text' | 'markdown' | 'html';

/** A self-contained HTML page: no scripts, no external resources, works offline. */
export function htmlPage(title: string, body: string): string {
  const [before, after] = htmlPageAround(title);
  return `${before}${body}${after}`;
}

/** The text of an {@link htmlPage} before and after its body, for pages written piece by piece. */
export function htmlPageAround(title: string): readonly [string, string] {
  return [
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}code{font-size:.9em}
.outside{background:#fff3f0}.flag{font-weight:600;color:#a33}</style></head>
<body>`,
    `</body></html>
`,
  ];
}
