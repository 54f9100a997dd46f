/**
 * What a reply quotes of text it did not write: cut with its length, and without a path of this machine.
 */
import { describe, expect, it } from 'vitest';
import { cutText, quoted, withoutPaths } from './quote.js';

describe('quoting text from outside', () => {
  it('cuts text at its limit only, saying how long it was', () => {
    expect(cutText('abc', 3)).toBe('abc');
    expect(cutText('abcd', 3)).toBe('abc… (cut: 4 characters)');
  });

  it("writes this machine's paths as <path>, wherever they stand", () => {
    expect(
      withoutPaths(
        "the state directory cannot be used (EACCES: permission denied, mkdir '/home/ana/.cache/wolkvox-mcp/budget')",
      ),
    ).toBe("the state directory cannot be used (EACCES: permission denied, mkdir '<path>')");
    expect(withoutPaths('open /var/lib/wolkvox/x.json failed')).toBe('open <path> failed');
    expect(withoutPaths('EPERM: C:\\Users\\ana\\AppData\\x.json')).toBe('EPERM: <path>');
    expect(withoutPaths('see ~/.cache/wolkvox-mcp')).toBe('see <path>');
    expect(withoutPaths('(/tmp/wolkvox-1/budget)')).toBe('(<path>)');
  });

  it('leaves what is no path of this machine: URLs, single segments, dates and ratios', () => {
    for (const text of [
      'https://wv0015.wolkvox.com/api/v2/reports_manager.php?api=act_3',
      'calls /hour',
      '2025/02/03 and 3/4 of them',
      'THE API YOU WANT TO CONSULT DOES NOT EXIST',
    ]) {
      expect(withoutPaths(text)).toBe(text);
    }
  });

  it('quotes: paths out first, then cut', () => {
    expect(quoted(`${'x'.repeat(10)} /home/ana/secret/file`, 12)).toBe('xxxxxxxxxx <… (cut: 17 characters)');
  });
});
