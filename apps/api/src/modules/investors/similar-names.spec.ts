import { companyKey, isSimilarName, nameSimilarity } from './similar-names';

describe('similar company names', () => {
  it('should compare names without legal-form tails, spaces and brackets', () => {
    expect(companyKey('江苏恒瑞新材料科技有限公司')).toBe('江苏恒瑞新材料科技');
    expect(companyKey('江苏 恒瑞新材料科技（集团）股份有限公司')).toBe('江苏恒瑞新材料科技');
    expect(nameSimilarity('江苏恒瑞新材料科技有限公司', '江苏恒瑞新材料科技股份有限公司')).toBe(1);
  });

  it('should call a one-character typo similar and a different company not', () => {
    expect(isSimilarName('江苏恒瑞新材料科技有限公司', '江苏恒瑞新材科技有限公司')).toBe(true);
    expect(isSimilarName('江苏恒瑞新材料科技有限公司', '浙江绿源食品集团有限公司')).toBe(false);
    expect(isSimilarName('宁德时代新能源科技股份有限公司', '宁波时代电子有限公司')).toBe(false);
  });
});
