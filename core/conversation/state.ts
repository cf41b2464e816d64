import { z } from 'zod';
import { LOCALES } from '../i18n/index.ts';

/**
 * The stored dialogue state of one chat. It is JSON in the Conversation table, so it is parsed
 * (not trusted) on the way in: a state written by an older version that no longer parses sends
 * the person back to the main menu instead of breaking their chat.
 */
const point = z.object({ latitude: z.number(), longitude: z.number() });

const photo = z.object({
  fileId: z.string(),
  fileUniqueId: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  fileSize: z.number().optional(),
  sourceUrl: z.string().optional(),
});

export const REPORT_STEPS = ['location', 'photos', 'description', 'category', 'confirm'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

const draft = z.object({
  point: point.optional(),
  /** A typed address, or the venue's address when the resident shared a venue. */
  address: z.string().optional(),
  districtId: z.number().optional(),
  districtName: z.string().optional(),
  photos: z.array(photo),
  description: z.string().optional(),
  categoryCode: z.string().optional(),
  suggestion: z.object({ categoryCode: z.string(), score: z.number() }).optional(),
  /** The open report nearby that the resident was offered to join instead of filing again. */
  nearbyNumber: z.number().optional(),
  /** The album whose first photo we already acknowledged, so the rest arrive quietly. */
  mediaGroupId: z.string().optional(),
  /** The album whose photos beyond the limit were refused, so it is said once per album. */
  overflowGroupId: z.string().optional(),
});
export type ReportDraft = z.infer<typeof draft>;

/** What a member of staff is writing: an answer, a redirection, a rejection or a return. */
export const STAFF_TASKS = [
  'answer',
  'interim',
  'redirect',
  'reject',
  'duplicate',
  'return',
] as const;
export type StaffTask = (typeof STAFF_TASKS)[number];

const staffState = z.object({
  screen: z.literal('staff'),
  locale: z.enum(LOCALES).optional(),
  task: z.enum(STAFF_TASKS),
  reportId: z.number(),
  /** The report's number, for the prompts. */
  number: z.number(),
  /** For a redirection, once chosen. */
  toOfficeId: z.number().optional(),
  /** An answer's text, kept while photos are added. */
  text: z.string().optional(),
  photos: z.array(photo),
});

const dialogState = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('menu'), locale: z.enum(LOCALES).optional() }),
  z.object({
    screen: z.literal('report'),
    locale: z.enum(LOCALES).optional(),
    step: z.enum(REPORT_STEPS),
    draft,
  }),
  staffState,
  /**
   * The help desk: waiting for a question (`ask`), or holding one the base did not answer
   * until the resident decides to pass it to an operator.
   */
  z.object({
    screen: z.literal('help'),
    locale: z.enum(LOCALES).optional(),
    question: z.string().optional(),
  }),
  /** An operator writing the answer to a resident's question. */
  z.object({
    screen: z.literal('help-answer'),
    locale: z.enum(LOCALES).optional(),
    questionId: z.number(),
  }),
  /** A resident saying what is still wrong with a report the office called solved. */
  z.object({
    screen: z.literal('followup'),
    locale: z.enum(LOCALES).optional(),
    reportId: z.number(),
    number: z.number(),
  }),
  /** A resident signing up for a volunteer event, asked the name the organiser will call. */
  z.object({
    screen: z.literal('volunteer-name'),
    locale: z.enum(LOCALES).optional(),
    eventId: z.number(),
  }),
  /**
   * A resident commenting on a public hearing: their name, address and phone the first time
   * (kept here until the phone completes them), then the text and its confirmation.
   */
  z.object({
    screen: z.literal('hearing-comment'),
    locale: z.enum(LOCALES).optional(),
    hearingId: z.number(),
    kind: z.enum(['comment', 'proposal']),
    step: z.enum(['name', 'address', 'phone', 'text', 'confirm']),
    fullName: z.string().optional(),
    address: z.string().optional(),
    text: z.string().optional(),
  }),
  /** A resident writing a question about an official's report. */
  z.object({
    screen: z.literal('oreport-question'),
    locale: z.enum(LOCALES).optional(),
    officialReportId: z.number(),
  }),
  /** A member of staff writing the answer to a question about an official's report. */
  z.object({
    screen: z.literal('oreport-answer'),
    locale: z.enum(LOCALES).optional(),
    questionId: z.number(),
  }),
  /** A member of staff publishing an official's report for an office, step by step. */
  z.object({
    screen: z.literal('oreport-publish'),
    locale: z.enum(LOCALES).optional(),
    step: z.enum(['title', 'text', 'video', 'document', 'confirm']),
    officeId: z.number(),
    title: z.string().optional(),
    text: z.string().optional(),
    videoUrl: z.string().optional(),
    documentUrl: z.string().optional(),
  }),
]);
export type DialogState = z.infer<typeof dialogState>;
export type ReportState = Extract<DialogState, { screen: 'report' }>;
export type StaffState = Extract<DialogState, { screen: 'staff' }>;
export type FollowupState = Extract<DialogState, { screen: 'followup' }>;
export type HelpState = Extract<DialogState, { screen: 'help' }>;
export type HelpAnswerState = Extract<DialogState, { screen: 'help-answer' }>;
export type VolunteerNameState = Extract<DialogState, { screen: 'volunteer-name' }>;
export type HearingCommentState = Extract<DialogState, { screen: 'hearing-comment' }>;
export type OfficialReportQuestionState = Extract<DialogState, { screen: 'oreport-question' }>;
export type OfficialReportAnswerState = Extract<DialogState, { screen: 'oreport-answer' }>;
export type OfficialReportPublishState = Extract<DialogState, { screen: 'oreport-publish' }>;

export const INITIAL_STATE: DialogState = { screen: 'menu' };

/** Reads a stored state; anything unreadable becomes the main menu. */
export function parseState(stored: unknown): DialogState {
  const result = dialogState.safeParse(stored);
  return result.success ? result.data : INITIAL_STATE;
}

/** Two states at the same place in a dialogue; buttons issued at one stay valid at the other. */
export function samePlace(a: DialogState, b: DialogState): boolean {
  if (a.screen !== b.screen) return false;
  if (a.screen === 'report') return b.screen === 'report' && a.step === b.step;
  if (a.screen === 'staff') {
    return (
      b.screen === 'staff' &&
      a.task === b.task &&
      a.reportId === b.reportId &&
      a.toOfficeId === b.toOfficeId &&
      (a.text === undefined) === (b.text === undefined)
    );
  }
  if (a.screen === 'followup') return b.screen === 'followup' && a.reportId === b.reportId;
  if (a.screen === 'help') return b.screen === 'help' && a.question === b.question;
  if (a.screen === 'help-answer') {
    return b.screen === 'help-answer' && a.questionId === b.questionId;
  }
  if (a.screen === 'volunteer-name') {
    return b.screen === 'volunteer-name' && a.eventId === b.eventId;
  }
  if (a.screen === 'hearing-comment') {
    return (
      b.screen === 'hearing-comment' &&
      a.hearingId === b.hearingId &&
      a.kind === b.kind &&
      a.step === b.step &&
      a.text === b.text
    );
  }
  if (a.screen === 'oreport-question') {
    return b.screen === 'oreport-question' && a.officialReportId === b.officialReportId;
  }
  if (a.screen === 'oreport-answer') {
    return b.screen === 'oreport-answer' && a.questionId === b.questionId;
  }
  if (a.screen === 'oreport-publish') {
    return b.screen === 'oreport-publish' && a.step === b.step && a.officeId === b.officeId;
  }
  return true;
}
