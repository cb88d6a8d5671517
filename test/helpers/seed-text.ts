// Report text compared with the seed 专报 (a PDF turned into text): what the conversion changed
// (spacing and line breaks, full-width punctuation, curly quotes, bullets and bold marks) taken out
// of both sides, so only the words and figures are compared.
export function normaliseReportText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[“”]/gu, '"')
    .replace(/[‘’]/gu, "'")
    .replace(/\*\*/g, "")
    .replace(/^[ \t]*- /gmu, "")
    .replace(/\s+/gu, "");
}
