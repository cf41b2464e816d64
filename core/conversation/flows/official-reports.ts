import type { FlowContext, FlowResult } from '../context.ts';
import type { Feature, FeatureScreen } from '../features.ts';
import type { DialogState } from '../state.ts';
import { showMenu } from './menu.ts';
import {
  pressAnswerButton,
  showQuestionQueue,
  startAnswer,
  writeAnswer,
} from './official-report-answer.ts';
import { idFrom, unknownButton } from './official-report-common.ts';
import {
  continuePublishing,
  pressPublishButton,
  startPublishing,
} from './official-report-publish.ts';
import { pressQuestionButton, startQuestion, writeQuestion } from './official-report-question.ts';
import { rate, showOfficialReport, showOfficialReports } from './official-report-reading.ts';

type Screen = DialogState['screen'];
type StateOf<S extends Screen> = Extract<DialogState, { screen: S }>;

/**
 * Officials' reports: residents read them (`/officials`, or the main menu), ask about one and
 * rate it; officials and heads answer the questions (`/officials_questions`) and publish
 * their office's reports (`/officials_publish`), as admins do for any office.
 */
export const officialReportsFeature: Feature = {
  commands: {
    officials: (ctx) => showOfficialReports(ctx, 1),
    officials_questions: (ctx) => showQuestionQueue(ctx, 1),
    officials_publish: (ctx, args) => startPublishing(ctx, args),
  },
  menuLabels: {
    'menu-official-reports': (ctx) => showOfficialReports(ctx, 1),
  },
  viewButtons: {
    'orep-list': (ctx, arg) => byId(ctx, arg, (page) => showOfficialReports(ctx, page)),
    'orep-open': (ctx, arg) => byId(ctx, arg, (id) => showOfficialReport(ctx, id)),
    'orep-ask': (ctx, arg) => startQuestion(ctx, arg),
    'orep-rate': (ctx, arg) => rate(ctx, arg),
    'orep-answer': (ctx, arg) => startAnswer(ctx, arg),
    'orep-queue': (ctx, arg) => byId(ctx, arg, (page) => showQuestionQueue(ctx, page)),
  },
  screens: {
    'oreport-question': {
      ...screen('oreport-question', writeQuestion, pressQuestionButton),
      leftKey: 'oreport-ask-cancelled',
    },
    'oreport-answer': {
      ...screen('oreport-answer', writeAnswer, pressAnswerButton),
      leftKey: 'oreport-answer-cancelled',
    },
    'oreport-publish': {
      ...screen('oreport-publish', continuePublishing, pressPublishButton),
      leftKey: 'oreport-publish-cancelled',
    },
  },
};

function byId(
  ctx: FlowContext,
  arg: string | undefined,
  show: (id: number) => Promise<FlowResult>,
): Promise<FlowResult> | FlowResult {
  const id = idFrom(arg);
  return id === undefined ? unknownButton(ctx) : show(id);
}

/** A screen's handlers, given the stored state of that screen only. */
function screen<S extends Screen>(
  name: S,
  message: (ctx: FlowContext, state: StateOf<S>) => FlowResult | Promise<FlowResult>,
  button: (ctx: FlowContext, state: StateOf<S>, action: string) => FlowResult | Promise<FlowResult>,
): FeatureScreen {
  const owns = (state: DialogState): state is StateOf<S> => state.screen === name;
  return {
    message: (ctx, state) => (owns(state) ? message(ctx, state) : showMenu(ctx)),
    button: (ctx, state, action) => (owns(state) ? button(ctx, state, action) : showMenu(ctx)),
  };
}
