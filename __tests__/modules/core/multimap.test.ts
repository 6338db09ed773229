import { appendTo } from '../../../modules/core/multimap';

describe('appendTo', () => {
  it('creates the list on first use and appends in order', () => {
    const m = new Map<string, number[]>();
    appendTo(m, 'a', 1);
    appendTo(m, 'b', 2);
    appendTo(m, 'a', 3);
    expect([...m]).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });
});
