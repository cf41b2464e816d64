import { describe, expect, it } from 'vitest';
import { flowButton, parseButton, viewButton } from '../../core/conversation/buttons.ts';

describe('when a button payload is read back', () => {
  it('returns the revision, action and argument of a flow button', () => {
    expect(parseButton(flowButton(12, 'cat', 'roads'))).toEqual({
      revision: 12,
      action: 'cat',
      arg: 'roads',
    });
  });

  it('returns a view button without a revision', () => {
    expect(parseButton(viewButton('page', '3'))).toEqual({ action: 'page', arg: '3' });
  });

  it('refuses payloads we never issued', () => {
    for (const forged of ['', 'hello', 'x|cat|roads', '1|DROP TABLE|x', '1|cat|a|b']) {
      expect(parseButton(forged)).toBeUndefined();
    }
  });

  it('stays within Telegram’s 64-byte callback_data limit', () => {
    const payload = flowButton(2_147_483_647, 'cat', 'unsafe_buildings');
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(64);
  });
});
