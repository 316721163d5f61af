/**
 * Makes untrusted text (names, tags, policy values from AWS) safe to print on a terminal:
 * control characters, which could move the cursor, recolour or rewrite the screen, are shown
 * as `\u001b`-style escapes instead of being sent.
 */
export function terminalSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
