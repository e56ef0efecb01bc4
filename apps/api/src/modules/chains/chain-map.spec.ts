import { buildMapLinks, linkState } from './chain-map';

const none = { count: 0, agreedWan: '0', fundsWan: '0' };
const LINKS = [
  { id: 11, segment: 'upstream' as const, name: '锂电材料' },
  { id: 12, segment: 'midstream' as const, name: '电芯' },
  { id: 13, segment: 'downstream' as const, name: '充换电设施' },
];

describe('chain map assembly', () => {
  it('should rank a link by the best stage reached, talks by a project at 洽谈 or a lead 洽谈中, else a gap', () => {
    const base = { producing: none, started: none, signed: none, negotiating: none, leadsNegotiating: 0 };
    expect(linkState({ ...base, producing: { ...none, count: 1 }, signed: { ...none, count: 3 } })).toBe('producing');
    expect(linkState({ ...base, started: { ...none, count: 1 } })).toBe('started');
    expect(linkState({ ...base, signed: { ...none, count: 2 } })).toBe('signed');
    expect(linkState({ ...base, negotiating: { ...none, count: 1 } })).toBe('negotiating');
    expect(linkState({ ...base, leadsNegotiating: 1 })).toBe('negotiating');
    expect(linkState(base)).toBe('gap');
  });

  it('should give every live link its figures (zeros where SQL had no row), its leads and targets, in order', () => {
    const { links, unlinked } = buildMapLinks(
      LINKS,
      [
        { linkId: 12, bucket: 'producing', count: 1, agreedWan: '80000.5000', fundsWan: '5000.25' },
        { linkId: 12, bucket: 'started', count: 2, agreedWan: '60000', fundsWan: '0' },
      ],
      [{ linkId: 11, negotiating: 1, open: 2 }],
      [{ linkId: 11, id: 1, companyName: '江源锂业科技有限公司', investorId: 5, note: null, hasLead: true, hasProject: false }],
    );
    expect(links.map((l) => [l.name, l.state])).toEqual([
      ['锂电材料', 'negotiating'],
      ['电芯', 'producing'],
      ['充换电设施', 'gap'],
    ]);
    expect(links[1]).toMatchObject({
      producing: { count: 1, agreedWan: '80000.5', fundsWan: '5000.25' },
      started: { count: 2, agreedWan: '60000' },
      signed: none,
      leadsOpen: 0,
    });
    expect(links[0]!.targets).toEqual([
      { id: 1, companyName: '江源锂业科技有限公司', investorId: 5, note: null, hasLead: true, hasProject: false },
    ]);
    expect(unlinked).toBeNull();
  });

  it('should add 未归链环节 only when the chain has projects on no link', () => {
    const { unlinked } = buildMapLinks(LINKS, [{ linkId: null, bucket: 'signed', count: 3, agreedWan: '20000', fundsWan: '100' }], [], []);
    expect(unlinked).toMatchObject({ linkId: null, segment: null, name: '未归链环节', state: 'signed', leadsOpen: 0 });
  });
});
