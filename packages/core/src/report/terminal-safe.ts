/**
 * Makes untrusted text (names, tags, policy values from AWS) safe to print on a terminal:
 * control characters, which could move the cursor, recolour or rewrite the screen, are shown
 * as `\u001b`-style escapes instead of being sent.
 */
export function terminalSafe(text: string): string {
  // Most text has none: looking is twice as fast as replacing nothing (a scan's reports pass a
  // million names and ARNs through here).
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (c) =>
    c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
