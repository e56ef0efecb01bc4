import { toHalfWidthFigure } from './half-width.js';

describe('toHalfWidthFigure', () => {
  it.each([
    ['３', '3'],
    ['１２．５', '12.5'],
    ['２０。５', '20.5'],
    [' １２ ', '12'],
    ['\u3000８\u3000', '8'],
    ['－３', '-3'],
    ['12.50', '12.50'],
  ])('should read %p as %p', (input, expected) => {
    expect(toHalfWidthFigure(input)).toBe(expected);
  });

  it('should leave what is not a figure for the validation to refuse', () => {
    expect(toHalfWidthFigure('三')).toBe('三');
    expect(toHalfWidthFigure('1,000')).toBe('1,000');
    expect(toHalfWidthFigure('1 000')).toBe('1 000');
  });
});
