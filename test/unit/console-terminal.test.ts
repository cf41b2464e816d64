import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLine, renderReply } from '../../bots/console/terminal.ts';

const buttons = [
  { label: 'Согласен(на)', payload: 'v|consent|menu' },
  { label: 'Не согласен(на)', payload: 'v|decline' },
];

describe('when a line is typed into the terminal chat', () => {
  it('reads commands, locations and button numbers as a messenger would deliver them', () => {
    expect(readLine('/start', [])).toEqual({ kind: 'command', command: 'start', args: '' });
    expect(readLine('62.0285, 129.7325', [])).toEqual({
      kind: 'location',
      point: { latitude: 62.0285, longitude: 129.7325 },
    });
    expect(readLine('2', buttons)).toEqual({ kind: 'button', payload: 'v|decline' });
    expect(readLine('7', buttons)).toEqual({ kind: 'text', text: '7' });
  });

  it('takes an existing image path as a photo and anything else as text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oneclick-chat-'));
    const file = join(dir, 'yama.jpg');
    writeFileSync(file, Buffer.alloc(1024));
    expect(readLine(file, [])).toEqual({ kind: 'photo', photo: { fileId: file, fileSize: 1024 } });
    expect(readLine(join(dir, 'missing.jpg'), [])).toMatchObject({ kind: 'text' });
    expect(readLine('Яма у дома', [])).toEqual({ kind: 'text', text: 'Яма у дома' });
  });
});

describe('when a reply is shown in the terminal', () => {
  it('numbers the buttons, then the keyboard keys, which a number then types', () => {
    const shown = renderReply([
      { text: 'Согласие?', inline: [buttons] },
      { text: 'Меню', keyboard: [[{ label: '📝 Сообщить о проблеме' }]] },
    ]);
    expect(shown.text).toContain('(1) Согласен(на)   (2) Не согласен(на)');
    expect(shown.text).toContain('клавиатура: [3] 📝 Сообщить о проблеме');
    expect(readLine('3', shown.choices)).toEqual({ kind: 'text', text: '📝 Сообщить о проблеме' });
  });

  it('keeps the keyboard of an earlier reply until one replaces it', () => {
    const first = renderReply([{ text: 'Меню', keyboard: [[{ label: 'ℹ️ Справка' }]] }]);
    const next = renderReply([{ text: 'Справка…' }], first.keyboard);
    expect(readLine('1', next.choices)).toEqual({ kind: 'text', text: 'ℹ️ Справка' });
  });
});
