import { describe, expect, it } from 'vitest';
import { replyKeyboard } from '../../bots/vk/keyboards.ts';

describe('when a keyboard asks for the phone number on VK', () => {
  it('leaves the contact button out, since VK would send its label as typed text', () => {
    const keyboard = replyKeyboard([
      [{ label: '📱 Поделиться номером', requestContact: true }],
      [{ label: '✖ Отмена' }],
    ]);
    expect(keyboard.buttons.flat().map((button) => button.action.label)).toEqual(['✖ Отмена']);
  });
});
