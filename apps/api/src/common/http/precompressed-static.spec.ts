import { chooseCoding, webCacheControl } from './precompressed-static';

describe('chooseCoding', () => {
  it('should prefer brotli over gzip when the client ranks them equal, whatever its order', () => {
    expect(chooseCoding('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
    expect(chooseCoding('br, gzip', ['br', 'gzip'])).toBe('br');
  });

  it("should follow the client's q-values", () => {
    expect(chooseCoding('br;q=0.5, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseCoding('gzip;q=0.1, identity', ['br', 'gzip'])).toBe('identity');
    expect(chooseCoding('*', ['br', 'gzip'])).toBe('br');
    expect(chooseCoding('br;q=0, *;q=0.3', ['br', 'gzip'])).toBe('gzip');
  });

  it('should send the file as it is when nothing is asked or nothing available fits', () => {
    expect(chooseCoding(undefined, ['br', 'gzip'])).toBe('identity');
    expect(chooseCoding('', ['br', 'gzip'])).toBe('identity');
    expect(chooseCoding('deflate', ['br', 'gzip'])).toBe('identity');
    expect(chooseCoding('br', ['gzip'])).toBe('identity');
  });
});

describe('webCacheControl', () => {
  it('should keep hashed assets for a year and revalidate the rest', () => {
    expect(webCacheControl('/assets/index-3f2a9c1d.js')).toBe('public, max-age=31536000, immutable');
    expect(webCacheControl('/index.html')).toBe('no-cache');
    expect(webCacheControl('/favicon.svg')).toBe('no-cache');
  });
});
