import { choiceKind } from "../core/choice-id.js";
import type { Translate } from "../core/i18n.js";
import type { Choice, Reply } from "../core/types.js";
import type { Dossier } from "../dossiers/schema.js";
import { STATUS } from "../dossiers/schema.js";
import { localTime } from "../time/local.js";
import {
  CRITERIA,
  CRITERION_ORDER,
  type Criterion,
  type Rating,
  RatingLevel,
  type RatingScale,
  SCALES,
} from "./schema.js";
import type { RatingRepository } from "./store.js";

/** Where a chat is in the optional part of its rating (kept in its conversation state). */
export interface RatingProgress {
  key: string;
  /** Index into CRITERION_ORDER; its length means "waiting for a comment". */
  step: number;
  at: number;
}

export interface RatingStep {
  replies: Reply[];
  /** undefined when the exchange is over. */
  progress?: RatingProgress;
}

/**
 * The ratings feature's choices (prefix "r"). Before it had its own prefix they were minted as
 * "d:a", "d:r", "d:c", "d:k", and buttons already in chats still carry those: read, never minted.
 */
export const RATING_CHOICES = {
  start: choiceKind("r:a", ["key"], { formerHeads: ["d:a"] }),
  level: choiceKind("r:l", ["key", "level"], { formerHeads: ["d:r"] }),
  criterion: choiceKind("r:c", ["criterion", "value"], { formerHeads: ["d:c"] }),
  skip: choiceKind("r:k", [], { formerHeads: ["d:k"] }),
};

export const PROGRESS_TTL_MS = 3_600_000;
const COMMENT_MAX = 1000;

/**
 * The rating exchange: a level (3 or 5 of them), then optional criteria, then an optional
 * comment; "skip" ends it at any point. The level is stored at once, so a citizen who stops
 * halfway still counts. One rating per dossier.
 */
export class RatingFlow {
  constructor(
    private readonly ratings: RatingRepository,
    readonly scale: RatingScale,
    private readonly timeZone: string,
  ) {}

  /** The question with one choice per level, as sent at handover and after /danhgia. */
  question(t: Translate, dossier: Dossier, intro: string): Reply {
    return { text: `${intro}\n${t("rating-question")}`, choices: this.levelChoices(t, dossier.key) };
  }

  levelChoices(t: Translate, key: string): Choice[] {
    return [
      ...SCALES[this.scale].map((level) => ({
        id: RATING_CHOICES.level.pack({ key, level: RatingLevel.options.indexOf(level) }),
        label: t(`rating-level-${level}`),
      })),
      this.skipChoice(t),
    ];
  }

  /** The button on a handed-over dossier's lookup answer that starts its rating. */
  startChoice(t: Translate, key: string): Choice {
    return { id: RATING_CHOICES.start.pack({ key }), label: t("dossier-rate") };
  }

  /** The rating question for a proven dossier, or why it cannot be rated (yet). */
  async offer(t: Translate, dossier: Dossier): Promise<Reply[]> {
    return (await this.refusal(t, dossier)) ?? [this.question(t, dossier, t("rating-intro", { code: dossier.code }))];
  }

  async isRated(key: string): Promise<boolean> {
    return (await this.ratings.get(key)) !== undefined;
  }

  /** Refusals that come before the level: not handed over yet, or already rated. */
  async refusal(t: Translate, dossier: Dossier): Promise<Reply[] | undefined> {
    if (dossier.status !== STATUS.handedOver) return [{ text: t("rating-not-ready") }];
    if (await this.isRated(dossier.key)) return [{ text: t("rating-already") }];
    return undefined;
  }

  async chooseLevel(t: Translate, dossier: Dossier, levelIndex: string, now: number): Promise<RatingStep> {
    const level = RatingLevel.options[Number(levelIndex)];
    if (!level || !SCALES[this.scale].includes(level)) return { replies: [{ text: t("rating-expired") }] };
    const refused = await this.refusal(t, dossier);
    if (refused) return { replies: refused };
    const rating: Rating = {
      key: dossier.key,
      procedureCode: dossier.procedureCode,
      office: dossier.office,
      level,
      scale: this.scale,
      criteria: {},
      at: now,
      month: localTime(now, this.timeZone).date.slice(0, 7),
    };
    if (!rating.office) delete rating.office;
    await this.ratings.save(rating);
    const progress = { key: dossier.key, step: 0, at: now };
    return { replies: [{ text: t("rating-saved") }, this.ask(t, progress)], progress };
  }

  async answer(
    t: Translate,
    progress: RatingProgress | undefined,
    criterion: string,
    value: string,
    now: number,
  ): Promise<RatingStep> {
    const current = CRITERION_ORDER[progress?.step ?? -1];
    const rating = progress && (await this.ratings.get(progress.key));
    if (!progress || !rating || current !== criterion || !(CRITERIA[current] as readonly string[]).includes(value)) {
      return { replies: [{ text: t("rating-expired") }], progress };
    }
    await this.ratings.save({ ...rating, criteria: { ...rating.criteria, [current]: value } });
    const next = { ...progress, step: progress.step + 1, at: now };
    return { replies: [this.ask(t, next)], progress: next };
  }

  async comment(t: Translate, progress: RatingProgress, text: string): Promise<RatingStep> {
    const rating = await this.ratings.get(progress.key);
    if (rating) await this.ratings.save({ ...rating, comment: text.slice(0, COMMENT_MAX) });
    return { replies: [{ text: t("rating-done") }] };
  }

  skip(t: Translate, progress: RatingProgress | undefined): RatingStep {
    return { replies: [{ text: t(progress ? "rating-done" : "rating-skipped") }] };
  }

  /** Whether the chat's next text is its comment. */
  waitsForComment(progress: RatingProgress | undefined, now: number): progress is RatingProgress {
    return !!progress && progress.step >= CRITERION_ORDER.length && now - progress.at < PROGRESS_TTL_MS;
  }

  private ask(t: Translate, progress: RatingProgress): Reply {
    const criterion: Criterion | undefined = CRITERION_ORDER[progress.step];
    const skip = this.skipChoice(t);
    if (!criterion) return { text: t("rating-ask-comment"), choices: [skip] };
    return {
      text: t(`rating-criterion-${criterion}`),
      choices: [
        ...CRITERIA[criterion].map((value) => ({
          id: RATING_CHOICES.criterion.pack({ criterion, value }),
          label: t(`rating-${criterion}-${value}`),
        })),
        skip,
      ],
    };
  }

  private skipChoice(t: Translate): Choice {
    return { id: RATING_CHOICES.skip.pack({}), label: t("rating-skip") };
  }
}
