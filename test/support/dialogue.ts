import pino from 'pino';
import type { CategorySuggester } from '../../core/conversation/context.ts';
import {
  type ConversationEngine,
  createConversationEngine,
} from '../../core/conversation/engine.ts';
import type { Incoming, IncomingContent, Reply } from '../../core/conversation/types.ts';
import { loadDistrictLocator } from '../../core/geo/load-district-locator.ts';
import { createKnowledgeBase } from '../../core/helpdesk/knowledge-base.ts';
import { createHelpSearch } from '../../core/helpdesk/search.ts';
import { loadCategoryCatalog } from '../../core/reports/categories.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import type { TestDatabase } from './database.ts';

/** A point inside the seeded Central okrug and one far outside the city (Moscow). */
export const IN_CITY = { latitude: 62.0285, longitude: 129.7325 };
export const OUTSIDE_CITY = { latitude: 55.7558, longitude: 37.6173 };

/** Suggests "roads" for anything about holes, otherwise "other": predictable for flow tests. */
export const roadsSuggester: CategorySuggester = {
  suggest(text, limit = 3) {
    const roads = /ям|дорог|асфальт/i.test(text);
    const ranked = roads
      ? [
          { category: 'roads', score: 0.8 },
          { category: 'snow', score: 0.1 },
          { category: 'other', score: 0.1 },
        ]
      : [
          { category: 'other', score: 0.5 },
          { category: 'rubbish', score: 0.3 },
          { category: 'roads', score: 0.2 },
        ];
    return ranked.slice(0, limit);
  },
};

export async function testEngine(
  db: TestDatabase,
  suggester: CategorySuggester = roadsSuggester,
): Promise<ConversationEngine> {
  return createConversationEngine({
    prisma: db.prisma,
    log: pino({ level: 'silent' }),
    districts: await loadDistrictLocator(db.prisma),
    suggester,
    categories: await loadCategoryCatalog(db.prisma),
    calendar: await loadCityCalendar(),
    knowledge: createKnowledgeBase(db.prisma, createHelpSearch),
  });
}

/** A person chatting with the engine through the console channel, as tests drive it. */
export class TestChat {
  private updateId = 0;
  lastReply: Reply = { messages: [] };

  constructor(
    private readonly engine: ConversationEngine,
    readonly chatId = String(100_000 + Math.floor(Math.random() * 900_000)),
  ) {}

  async send(content: IncomingContent): Promise<Reply> {
    this.updateId += 1;
    const incoming = {
      channel: 'console',
      chatId: this.chatId,
      userId: this.chatId,
      updateId: String(this.updateId),
      ...content,
    } as Incoming;
    this.lastReply = await this.engine.handle(incoming);
    return this.lastReply;
  }

  text(text: string) {
    return this.send({ kind: 'text', text });
  }

  command(command: string) {
    return this.send({ kind: 'command', command, args: '' });
  }

  /** Presses the button with this label in the last reply that offered it. */
  press(label: string) {
    const button = this.lastReply.messages
      .flatMap((message) => message.inline ?? [])
      .flat()
      .find((candidate) => candidate.label === label);
    if (!button) throw new Error(`No button "${label}" in: ${JSON.stringify(this.lastReply)}`);
    return this.send({ kind: 'button', payload: button.payload });
  }

  /** Every text of the last reply, joined, for readable assertions. */
  get said(): string {
    return this.lastReply.messages.map((message) => message.text).join('\n');
  }
}
