import 'dotenv/config';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { loadShippedClassifier } from '../../core/classification/classifier.ts';
import { loadConfig } from '../../core/config.ts';
import { createConversationEngine } from '../../core/conversation/engine.ts';
import { createPrismaClient } from '../../core/db/client.ts';
import { loadDistrictLocator } from '../../core/geo/load-district-locator.ts';
import { createKnowledgeBase } from '../../core/helpdesk/knowledge-base.ts';
import { createHelpSearch } from '../../core/helpdesk/search.ts';
import { createLogger } from '../../core/logger.ts';
import { loadCategoryCatalog } from '../../core/reports/categories.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { type Choice, readLine, renderReply } from './terminal.ts';

const HINT = [
  'One Click в терминале: тот же бот, что в Telegram и VK.',
  'Пишите текст как в мессенджере; /start — начать, /menu — меню, Ctrl+D — выход.',
  'Геопозиция: «62.0285,129.7325»; фото: путь к файлу JPG/PNG; кнопка или клавиша: её номер.',
].join('\n');

/** A terminal chat with the real engine and database, for trying the bot without a token. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(process.env.CHAT_LOG_LEVEL ?? 'warn');
  const prisma = createPrismaClient(config.DATABASE_URL);
  const engine = createConversationEngine({
    prisma,
    log,
    districts: await loadDistrictLocator(prisma),
    suggester: loadShippedClassifier(),
    categories: await loadCategoryCatalog(prisma),
    calendar: await loadCityCalendar(),
    knowledge: createKnowledgeBase(prisma, createHelpSearch),
  });

  const user = `console-${userInfo().username}`;
  const terminal = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  console.log(HINT);
  let choices: Choice[] = [];
  let keyboard: Choice[] = [];
  let update = Date.now();

  for await (const line of terminal) {
    if (line.trim() === '') continue;
    update += 1;
    const content = readLine(line, choices);
    const incoming = {
      channel: 'console' as const,
      chatId: user,
      userId: user,
      updateId: String(update),
      ...content,
    };
    const reply = await engine.handle(incoming).catch((err: unknown) => {
      log.error({ err }, 'dialogue failed');
      return engine.apology(incoming);
    });
    const rendered = renderReply(reply.messages, keyboard);
    choices = rendered.choices;
    keyboard = rendered.keyboard;
    if (reply.buttonNotice) console.log(`(${reply.buttonNotice})`);
    if (rendered.text) console.log(`\n${rendered.text}\n`);
  }
  await prisma.$disconnect();
}

main().catch((err: unknown) => {
  console.error(`The chat could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
