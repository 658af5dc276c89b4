import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../mcp/util/csv-format.js';
import { isFormulaLike, neutralizeText, spreadsheetCell } from '../../mcp/util/spreadsheet-safe.js';

describe('spreadsheet-safe cells', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")', "-cmd|' /C calc'!A0"]) {
      expect(isFormulaLike(text), JSON.stringify(text)).toBe(true);
      expect(neutralizeText(text)).toBe(`'${text}`);
    }
    for (const text of ['LOT 1 BLK 45', 'a=b', ' =x', '', "'=already"]) {
      expect(isFormulaLike(text), JSON.stringify(text)).toBe(false);
      expect(neutralizeText(text)).toBe(text);
    }
  });

  it('keeps numbers the engine writes as numbers, neutralises everything textual', () => {
    expect(spreadsheetCell(-1500)).toBe(-1500);
    expect(spreadsheetCell(true)).toBe(true);
    expect(spreadsheetCell(null)).toBeNull();
    expect(spreadsheetCell('-1500')).toBe("'-1500");
    expect(spreadsheetCell(['=a', 'b'])).toBe("'=a; b");
    expect(spreadsheetCell({ x: 1 })).toBe('{"x":1}');
    expect(spreadsheetCell(Number.NaN)).toBe('NaN');
  });

  it('quotes CSV fields by RFC 4180 after neutralising them', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvLine([1, null, '@x', 'ok'])).toBe("1,,'@x,ok\r\n");
  });
});
