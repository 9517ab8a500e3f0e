import type { IncomingMessage, ServerResponse } from "node:http";
import { EXAMPLE_INTENTS, type Example, isStaffExample, NOT_A_PROCEDURE, sameTextKey } from "../catalogue/examples.js";
import { labelKey, servedLabels } from "../catalogue/live.js";
import { formatProblem } from "../catalogue/problems.js";
import type { Procedure } from "../catalogue/schema.js";
import { SINGLE_WARD, wardName } from "../dossiers/wards.js";
import { errorSummary } from "../logger.js";
import { scrubQuestion } from "../questions/scrub.js";
import { commentsOf, ratingsOfWard, reportWorkbook, summarize } from "../ratings/report.js";
import type { Rating } from "../ratings/schema.js";
import { exactKey } from "../search/examples.js";
import { cleanText, fold } from "../search/normalize.js";
import type { SynonymsFile } from "../search/records.js";
import { displayClock, displayDate, localTime } from "../time/local.js";
import { accountOf, PROVINCE_ADMIN, Username } from "./accounts.js";
import { AuditLog, type AuditTrail, DatabaseAuditLog } from "./audit.js";
import { DailyMessages, handledSinceStart } from "./channels.js";
import type { StaffConsoleDeps } from "./deps.js";
import { ExamplesFileEditor, ExampleWriteError } from "./examples-file.js";
import type { ExampleAnnouncer, ExampleChange, WaitingReason } from "./examples-sync.js";
import { html } from "./html.js";
import {
  BodyTooLarge,
  clientAddress,
  cookie,
  readCookies,
  readForm,
  readUpload,
  redirect,
  sameOrigin,
  sendDownload,
  sendHtml,
} from "./http.js";
import { notice, type PageFrame, page } from "./layout.js";
import { verifyLogin } from "./login.js";
import { overviewSource } from "./overview-data.js";
import { auditPage } from "./pages/audit.js";
import {
  deleteConfirmPage,
  type ExamplesPageOptions,
  examplesPage,
  type LabelAccess,
  labelPage,
} from "./pages/examples.js";
import { committedPage, importPage, previewPage } from "./pages/import.js";
import { loginPage } from "./pages/login.js";
import { lookupPage } from "./pages/lookup.js";
import { overviewPage } from "./pages/overview.js";
import { QUESTION_PERIODS, questionsPage } from "./pages/questions.js";
import { type RatingsFilter, ratingsFilter, ratingsPage } from "./pages/ratings.js";
import { DatabasePreviews, MemoryPreviews, type PreviewShelf } from "./previews.js";
import {
  accountStamp,
  DatabaseSessions,
  randomToken,
  SessionStore,
  type StaffSession,
  type StaffSessions,
  sameToken,
} from "./sessions.js";
import { DatabaseLoginThrottle, DEFAULT_THROTTLE, type LoginLimits, LoginThrottle } from "./throttle.js";

export const SESSION_COOKIE = "motcua_staff";
/** Double-submit token of the login form (there is no session yet to hold one). */
export const LOGIN_COOKIE = "motcua_staff_login";
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface StaffConsole {
  /** Answers requests under /staff (true); anything else is left to the caller (false). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): void;
}

/**
 * The câu mẫu file as the service holds it (src/wiring/examples.ts): its one editor, and with several replicas the
 * announcer of changes made here. Without it the console edits the catalogue folder's file on its own.
 */
export interface ConsoleExamples {
  file?: ExamplesFileEditor;
  announcer?: ExampleAnnouncer;
}

/** Whose data a request sees: one ward's (`ward`), or every ward's; `fixed` when the account is bound to the ward. */
interface WardScope {
  ward?: string;
  fixed: boolean;
}

/**
 * The staff web console: login, overview, ratings, unanswered questions (labelled as câu mẫu),
 * dossier import and lookup.
 */
export function createStaffConsole(deps: StaffConsoleDeps & { examples?: ConsoleExamples }): StaffConsole {
  const { now, timeZone, logger } = deps;
  // With DATABASE_URL the sessions, the login limits and the audit log are rows every replica
  // shares (migration 005); without it, memory and DATA_DIR/staff/audit.jsonl as on one service.
  const { database } = deps;
  const sessions: StaffSessions = database ? new DatabaseSessions(database, now) : new SessionStore(now);
  const pseudonym = deps.pseudonym?.bind(deps);
  const throttle: LoginLimits = database
    ? new DatabaseLoginThrottle(database, now, DEFAULT_THROTTLE, pseudonym && ((c) => pseudonym("staff-login", c)))
    : new LoginThrottle(now);
  const audit: AuditTrail = database
    ? new DatabaseAuditLog(database, now)
    : AuditLog.open(deps.dataDir, now, deps.fsync ?? true);
  const daily = new DailyMessages(() => handledSinceStart(deps.health().channels), now, timeZone);
  const previews: PreviewShelf = database ? new DatabasePreviews(database, now, deps.imports) : new MemoryPreviews(now);
  const cookieOptions = (maxAge: number) => ({ maxAge, secure: deps.secureCookies, sameSite: "Strict" as const });
  const overview = overviewSource(deps, daily);
  const wards = deps.wards ?? SINGLE_WARD;
  const several = () => wards.list().length > 1;

  // Per catalogue served (a reload brings a new one): the ratings page names many rows.
  const choicesOf = new WeakMap<object, Procedure[]>();
  const labelsOf = new WeakMap<object, (text: string) => Example | undefined>();
  const nameOf = (code: string) => labelChoices().find((p) => p.code === code)?.name ?? code;
  // Labels are written where the catalogue is read from, and reloaded at once (docs/staff-console.md), through the
  // service's one editor of the file when it gives one (the sync of other replicas' labels writes through it too).
  const { dataDir: catalogueDir, reload } = deps.catalogue;
  const examplesFile =
    catalogueDir && reload
      ? (deps.examples?.file ?? new ExamplesFileEditor(catalogueDir, deps.fsync ?? true))
      : undefined;
  // Several replicas (DATABASE_URL): a label saved or deleted here is recorded for the others (examples-sync.ts).
  // Before writing: the change is held apart from other replicas' changes of the text until `done` records it (or, with
  // nothing, says nothing was written). `done` must be called on every path: a finally does.
  // Who acts goes along: a change whose request fails at its audit row is recorded with that row (examples-sync.ts).
  const changing = (text: string, session: StaffSession) =>
    deps.examples?.announcer?.changing(text, { user: session.user, ward: boundWard(session) }) ??
    (async (_?: ExampleChange) => undefined);
  /** Why a change that waits does (the notice is worded by it). */
  const waitingOf = (text: string, shared: string | undefined): WaitingReason | undefined =>
    shared === "waiting" ? (deps.examples?.announcer?.waitingReason?.(text) ?? "database-unreachable") : undefined;
  const showTime = (ms: number) => `${displayClock(ms, timeZone)} ${displayDate(localTime(ms, timeZone).date)}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://console.invalid");
    const path = url.pathname;
    if (path !== "/staff" && !path.startsWith("/staff/")) return false;
    try {
      await route(req, res, path, url.searchParams);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        sendHtml(res, 413, page({ title: "Tệp quá lớn" }, notice("error", "Tệp quá lớn (tối đa 5 MB).")));
      } else {
        logger.error({ err: errorSummary(err), path }, "staff console request failed");
        if (!res.headersSent)
          sendHtml(res, 500, page({ title: "Lỗi" }, notice("error", "Có lỗi khi xử lý yêu cầu. Hãy thử lại.")));
      }
    }
    return true;
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    const method = req.method ?? "GET";
    if (path === "/staff") return redirect(res, "/staff/");
    if (path === "/staff/login") return method === "POST" ? postLogin(req, res) : getLogin(req, res);

    const session = await currentSession(req);
    if (!session) {
      if (method === "GET") return redirect(res, "/staff/login");
      return sendHtml(
        res,
        403,
        page(
          { title: "Chưa đăng nhập" },
          html`<p>Phiên làm việc đã hết. <a href="/staff/login">Đăng nhập lại</a>.</p>`,
        ),
      );
    }
    const scope = scopeOf(session, query);
    const frame = (title: string, current = path): PageFrame => ({
      title,
      user: session.user,
      csrf: session.csrf,
      current,
      scope: scopeLabel(session),
    });

    if (method === "POST") {
      if (!sameOrigin(req)) return forbidden(res);
      if (path === "/staff/import") return postImport(req, res, session, scope, frame("Nhập hồ sơ"));
      const form = await readForm(req);
      if (!sameToken(form.get("csrf") ?? "", session.csrf)) return forbidden(res);
      if (path === "/staff/logout") {
        await sessions.end(session.id);
        await audit.record(session.user, "logout", undefined, boundWard(session));
        return redirect(res, "/staff/login", [cookie(SESSION_COOKIE, "", cookieOptions(0))]);
      }
      if (path === "/staff/import/commit")
        return commitImport(res, session, form, frame("Nhập hồ sơ", "/staff/import"));
      if (path === "/staff/lookup") return postLookup(res, session, scope, form, frame("Tra cứu hồ sơ"));
      if (path === "/staff/examples") return postExample(res, session, form, frame);
      if (path === "/staff/examples/delete") return deleteExample(res, session, form, frame("Câu mẫu"));
      return notFound(res, frame("Không tìm thấy"));
    }
    if (method !== "GET" && method !== "HEAD") return notFound(res, frame("Không tìm thấy"));
    switch (path) {
      case "/staff/":
        return sendHtml(res, 200, overviewPage(frame("Tổng quan"), await overview(questionView(scope))));
      case "/staff/ratings":
        return sendHtml(
          res,
          200,
          ratingsPage(
            frame("Đánh giá của người dân"),
            await ratingsIn(scope),
            { ...ratingsFilter(query), ward: scope.fixed ? undefined : scope.ward },
            nameOf,
            timeZone,
            wardChoice(scope),
          ),
        );
      case "/staff/ratings.xlsx":
        return sendRatingsWorkbook(res, ratingsFilter(query), scope);
      case "/staff/questions": {
        const asked = Number(query.get("days"));
        const days = (QUESTION_PERIODS as readonly number[]).includes(asked) ? asked : 30;
        const choice = wardChoice(scope);
        return sendHtml(
          res,
          200,
          questionsPage(
            frame("Câu hỏi bot chưa trả lời được"),
            await deps.questions?.list(days, questionView(scope)),
            days,
            choice && { choice, selected: scope.ward },
            { access: labelAccess(session), of: labelOf(), nameOf },
          ),
        );
      }
      case "/staff/questions/label": {
        const text = labelText(query.get("text"));
        if (text === "") return redirect(res, "/staff/questions");
        return sendHtml(
          res,
          200,
          labelPage(frame("Gán câu mẫu", "/staff/questions"), {
            csrf: session.csrf,
            access: labelAccess(session),
            text,
            procedures: labelChoices(),
            filter: (query.get("tim") ?? "").trim().slice(0, 100),
            current: labelOf()(text),
            nameOf,
          }),
        );
      }
      case "/staff/examples":
        return sendHtml(res, 200, examplesPage(frame("Câu mẫu"), examplesView(session)));
      case "/staff/import":
        return sendHtml(res, 200, importPage(frame("Nhập hồ sơ"), { csrf: session.csrf, ...unavailableImport() }));
      case "/staff/lookup":
        return sendHtml(res, 200, lookupPage(frame("Tra cứu hồ sơ"), { available: !!deps.lookup, csrf: session.csrf }));
      case "/staff/audit": {
        // A ward's staff read their ward's lines; the administrator all, or one ward's (?phuong=).
        const choice = wardChoice(scope);
        return sendHtml(
          res,
          200,
          auditPage(frame("Nhật ký thao tác"), await audit.recent(scope.ward), (iso) => showTime(Date.parse(iso)), {
            where: database ? "database" : "file",
            ...(choice ? { ward: { choice, selected: scope.ward } } : {}),
          }),
        );
      }
      default:
        return notFound(res, frame("Không tìm thấy"));
    }
  }

  /**
   * The request's live session. The accounts file is read at each request (it is small): an account
   * deleted or given a new password with `npm run staff:add` is signed out at once.
   */
  async function currentSession(req: IncomingMessage): Promise<StaffSession | undefined> {
    const session = await sessions.touch(readCookies(req).get(SESSION_COOKIE));
    if (!session) return undefined;
    const account = await accountOf(deps.dataDir, session.user, deps.database);
    if (!account || accountStamp(account.passwordHash) !== session.accountStamp) {
      await sessions.end(session.id);
      return undefined;
    }
    session.role = account.role;
    return session;
  }

  /**
   * A ward's staff see their ward only, whatever the address asks; the province administrator
   * (and an account from before wards) sees every ward, or the one chosen with `?phuong=`.
   */
  function scopeOf(session: StaffSession, query: URLSearchParams): WardScope {
    const role = session.role ?? PROVINCE_ADMIN;
    if (role.kind === "ward") return { ward: role.ward, fixed: true };
    const asked = query.get("phuong") ?? "";
    return { ward: wards.list().some((w) => w.id === asked) ? asked : undefined, fixed: false };
  }

  function boundWard(session: StaffSession): string | undefined {
    return session.role?.kind === "ward" ? session.role.ward : undefined;
  }

  function scopeLabel(session: StaffSession): string | undefined {
    const ward = boundWard(session);
    if (ward) return wardName(wards, ward);
    return several() ? "Quản trị tỉnh" : undefined;
  }

  /** The ward list of the administrator's filters; none for a ward's staff or a single ward. */
  function wardChoice(scope: WardScope) {
    return !scope.fixed && several() ? { wards: wards.list() } : undefined;
  }

  function questionView(scope: WardScope) {
    return scope.ward === undefined ? undefined : { ward: scope.ward, withoutWard: !several() };
  }

  async function ratingsIn(scope: WardScope): Promise<readonly Rating[] | undefined> {
    const all = await deps.ratings?.all();
    return all && scope.ward !== undefined ? ratingsOfWard(all, wards, scope.ward) : all;
  }

  async function getLogin(req: IncomingMessage, res: ServerResponse) {
    if (await currentSession(req)) return redirect(res, "/staff/");
    const token = randomToken();
    sendHtml(res, 200, loginPage({ csrf: token }), [cookie(LOGIN_COOKIE, token, cookieOptions(3600))]);
  }

  async function postLogin(req: IncomingMessage, res: ServerResponse) {
    if (!sameOrigin(req)) return forbidden(res);
    const form = await readForm(req);
    const token = readCookies(req).get(LOGIN_COOKIE) ?? "";
    if (token === "" || !sameToken(form.get("csrf") ?? "", token)) return forbidden(res);
    const typed = (form.get("username") ?? "").slice(0, 64);
    const parsed = Username.safeParse(typed);
    const user = parsed.success ? parsed.data : typed.trim().toLowerCase();
    const again = (status: number, error: string) => {
      const fresh = randomToken();
      sendHtml(res, status, loginPage({ csrf: fresh, error, username: typed }), [
        cookie(LOGIN_COOKIE, fresh, cookieOptions(3600)),
      ]);
    };
    const address = clientAddress(req);
    const lockedUntil = await throttle.lockedUntil(user, address);
    if (lockedUntil) return again(429, lockMessage(lockedUntil));
    const passwordHash = await verifyLogin(
      deps.dataDir,
      parsed.success ? user : undefined,
      form.get("password") ?? "",
      deps.database,
    );
    if (!passwordHash) {
      await audit.record(user, "login-failed");
      const locked = await throttle.fail(user, address);
      if (locked) await audit.record(user, "login-locked", `đến ${new Date(locked).toISOString()}`);
    }
    // Asked again after the password check: guesses posted at once all pass the first check before
    // any of them is counted, so without this a burst would hear a verdict for every guess. A lock
    // that began meanwhile answers each alike, the right password too.
    const lockedNow = await throttle.lockedUntil(user, address);
    if (lockedNow) return again(429, lockMessage(lockedNow));
    if (!passwordHash) return again(401, "Tên đăng nhập hoặc mật khẩu không đúng.");
    await throttle.succeed(user);
    const role = (await accountOf(deps.dataDir, user, deps.database))?.role;
    const session = await sessions.create(user, passwordHash, role);
    await audit.record(user, "login", undefined, role?.kind === "ward" ? role.ward : undefined);
    redirect(res, "/staff/", [
      cookie(SESSION_COOKIE, session.id, cookieOptions(sessions.cookieMaxAge(session))),
      cookie(LOGIN_COOKIE, "", cookieOptions(0)),
    ]);
  }

  function lockMessage(until: number): string {
    const minutes = Math.max(1, Math.ceil((until - now()) / 60_000));
    return `Đăng nhập sai quá nhiều lần nên tạm bị khoá. Hãy thử lại sau ${minutes} phút (lúc ${displayClock(until, timeZone)}).`;
  }

  /** The report of `npm run ratings:report --xlsx`, for the months chosen (every procedure: the report compares them). */
  async function sendRatingsWorkbook(res: ServerResponse, filter: RatingsFilter, scope: WardScope) {
    const ratings = (await ratingsIn(scope)) ?? [];
    const months = { from: filter.from, to: filter.to };
    const bytes = await reportWorkbook(summarize(ratings, months), commentsOf(ratings, timeZone, months), nameOf);
    const span = filter.from || filter.to ? `-${filter.from ?? "dau"}-den-${filter.to ?? "nay"}` : "";
    const ward = scope.ward === undefined ? "" : `-${scope.ward}`;
    sendDownload(res, bytes, XLSX_TYPE, `danh-gia${ward}${span}.xlsx`);
  }

  function unavailableImport(): { error?: string } {
    return deps.imports ? {} : { error: "Chưa có thư mục dữ liệu (DATA_DIR): không nhập được hồ sơ." };
  }

  async function postImport(
    req: IncomingMessage,
    res: ServerResponse,
    session: StaffSession,
    scope: WardScope,
    frame: PageFrame,
  ) {
    const upload = await readUpload(req, MAX_UPLOAD_BYTES);
    if (!sameToken(upload.fields.get("csrf") ?? "", session.csrf)) return forbidden(res);
    const again = (error: string) => sendHtml(res, 400, importPage(frame, { csrf: session.csrf, error }));
    if (!deps.imports) return again(unavailableImport().error ?? "");
    if (!upload.file || upload.file.bytes.length === 0) return again("Chưa chọn tệp, hoặc tệp rỗng.");
    const preview = await deps.imports.preview(upload.file, scope.fixed ? scope.ward : undefined);
    if (!preview.ok) return again(`Không đọc được tệp ${upload.file.name}: ${preview.error}`);
    const previewId = randomToken();
    const ward = scope.fixed ? scope.ward : undefined;
    await previews.put(
      previewId,
      { sessionId: session.id, fileName: upload.file.name, createdAt: now(), commit: preview.commit, ward },
      upload.file,
    );
    sendHtml(
      res,
      200,
      previewPage(frame, {
        csrf: session.csrf,
        previewId,
        fileName: upload.file.name,
        rows: preview.rows,
        notes: preview.notes,
        received: preview.received,
      }),
    );
  }

  async function commitImport(res: ServerResponse, session: StaffSession, form: URLSearchParams, frame: PageFrame) {
    const id = form.get("preview") ?? "";
    // Taken out first: a double click (on this replica or another) cannot store the file twice.
    const job = await previews.take(id, session.id);
    const refuse = (error: string) => sendHtml(res, 409, importPage(frame, { csrf: session.csrf, error }));
    if (!job) return refuse("Bản xem trước đã hết hạn hoặc đã được lưu. Hãy chọn lại tệp.");
    // Read under the ward the account had then: an account bound to another ward since (npm run
    // staff:add) must not store rows the new limit would refuse.
    if (job.ward !== boundWard(session))
      return refuse("Phạm vi phường, xã của tài khoản đã thay đổi sau khi xem trước. Hãy chọn lại tệp.");
    const summary = await job.commit();
    await audit.record(
      session.user,
      "import-committed",
      `${job.fileName.slice(0, 80)}: ${summary.created} mới, ${summary.updated} cập nhật, ${summary.unchanged} không đổi, ${summary.rejected} bị từ chối`,
      boundWard(session),
    );
    sendHtml(res, 200, committedPage(frame, session.csrf, job.fileName, summary));
  }

  async function postLookup(
    res: ServerResponse,
    session: StaffSession,
    scope: WardScope,
    form: URLSearchParams,
    frame: PageFrame,
  ) {
    const code = (form.get("code") ?? "").trim().slice(0, 80);
    if (!deps.lookup || code === "")
      return sendHtml(res, 200, lookupPage(frame, { available: !!deps.lookup, csrf: session.csrf }));
    const found = await deps.lookup.describe(code, scope.fixed ? scope.ward : undefined);
    const outcome = found === undefined ? " (không thấy)" : typeof found === "string" ? "" : " (phường, xã khác)";
    await audit.record(session.user, "lookup", `${code}${outcome}`, boundWard(session));
    if (found !== undefined && typeof found !== "string") {
      return sendHtml(
        res,
        200,
        lookupPage(frame, { available: true, csrf: session.csrf, code, otherWard: found.otherWard }),
      );
    }
    sendHtml(res, 200, lookupPage(frame, { available: true, csrf: session.csrf, code, result: found ?? null }));
  }

  /**
   * Câu mẫu belong to the catalogue, which a province shares: like the catalogue's files, only
   * its administrator (or anyone, on a single ward's install) changes them. A ward's staff see them.
   */
  function labelAccess(session: StaffSession): LabelAccess {
    if (!examplesFile) {
      return {
        ok: false,
        reason:
          "Hệ thống này chưa bật gán câu mẫu từ bảng điều khiển (bảng điều khiển không biết thư mục danh mục). Hãy báo cán bộ CNTT.",
      };
    }
    if (boundWard(session)) {
      return {
        ok: false,
        reason:
          "Câu mẫu thuộc danh mục dùng chung cho cả tỉnh: chỉ quản trị tỉnh gán hoặc xoá được. Hãy gửi quản trị tỉnh những câu cần gán.",
      };
    }
    return { ok: true };
  }

  /** Every procedure a label may name: the shared catalogue's and those the province or a ward adds. */
  function labelChoices(): Procedure[] {
    const catalogue = deps.catalogue.current().catalogue;
    const known = choicesOf.get(catalogue);
    if (known) return known;
    const { procedures, province } = catalogue;
    const all = new Map(procedures.map((p) => [p.code, p]));
    for (const p of province?.provinceOverlay.procedures ?? []) if (!all.has(p.code)) all.set(p.code, p);
    for (const overlay of province?.wardOverlays.values() ?? [])
      for (const p of overlay.procedures) if (!all.has(p.code)) all.set(p.code, p);
    const choices = [...all.values()];
    choicesOf.set(catalogue, choices);
    return choices;
  }

  function knownCodes(): Set<string> {
    return new Set(labelChoices().map((p) => p.code));
  }

  /**
   * The label the served search answers a question from, if any (catalogue/live.ts servedLabels: the search's own
   * rules, so a question that differs from a câu mẫu only by its accents is no "Đã gán", one typed without any is),
   * shown as the câu mẫu it came from: staff's own before the others, the file's later entries first.
   */
  function labelOf(): (text: string) => Example | undefined {
    const catalogue = deps.catalogue.current().catalogue;
    const cached = labelsOf.get(catalogue);
    if (cached) return cached;
    const examples = catalogue.examples ?? [];
    const served = servedLabels(examples, catalogue.synonyms ?? NO_SYNONYMS, knownCodes());
    const byKey = new Map<string, Example[]>();
    for (const e of examples) {
      const key = fold(labelKey(e.text));
      byKey.set(key, [e, ...(byKey.get(key) ?? [])]);
    }
    const of = (text: string): Example | undefined => {
      const label = served(text);
      if (!label) return undefined;
      const same = (byKey.get(fold(labelKey(text))) ?? []).filter((e) => e.code === label.code);
      const exact = same.filter((e) => labelKey(e.text) === labelKey(text));
      const shown = [...exact, ...same].sort((a, b) => Number(isStaffExample(b)) - Number(isStaffExample(a)))[0];
      const intent = EXAMPLE_INTENTS.find((i) => i === label.intent);
      return shown ?? { text, code: label.code, source: "", ...(intent ? { intent } : {}) };
    };
    labelsOf.set(catalogue, of);
    return of;
  }

  function examplesView(session: StaffSession): ExamplesPageOptions {
    const examples = deps.catalogue.current().catalogue.examples ?? [];
    const access = labelAccess(session);
    return {
      csrf: session.csrf,
      access,
      staff: examples.filter(isStaffExample),
      total: examples.length,
      // The server's path is for whoever writes the file (docs/staff-console.md, several replicas), not every ward.
      file: access.ok ? examplesFile?.file : undefined,
      nameOf,
    };
  }

  async function postExample(
    res: ServerResponse,
    session: StaffSession,
    form: URLSearchParams,
    frameOf: (title: string, current?: string) => PageFrame,
  ) {
    const text = labelText(form.get("text"));
    const code = (form.get("code") ?? "").trim();
    const intent = (form.get("intent") ?? "").trim();
    const access = labelAccess(session);
    // Every refusal shows the form again with what was picked: nothing typed or chosen is lost.
    const again = (status: number, error: string) =>
      sendHtml(
        res,
        status,
        labelPage(frameOf("Gán câu mẫu", "/staff/questions"), {
          csrf: session.csrf,
          access,
          text,
          procedures: labelChoices(),
          code,
          intent,
          current: labelOf()(text),
          error,
          nameOf,
        }),
      );
    // The page says why in place of the form.
    if (!access.ok || !examplesFile) return again(403, "");
    if (text === "") return again(400, "Thiếu câu hỏi cần gán.");
    if (!hasWords(text)) {
      return again(
        400,
        "Câu này không có chữ nào ngoài số đã che (hoặc chỉ có biểu tượng): gán nó thì mọi tin nhắn chỉ có số đều bị trả lời theo nhãn này, nên không lưu được.",
      );
    }
    if (code === "") return again(400, "Hãy chọn một thủ tục, hoặc «Không phải thủ tục của phường».");
    const known = knownCodes();
    if (code !== NOT_A_PROCEDURE && !known.has(code)) {
      return again(
        400,
        `Không có thủ tục mã ${code.slice(0, 40)} trong danh mục đang dùng (có thể vừa bị xoá). Hãy chọn lại.`,
      );
    }
    const asked = EXAMPLE_INTENTS.find((i) => i === intent);
    if (intent !== "" && !asked) return again(400, "Hãy chọn lại mục «Người dân hỏi về».");
    const done = changing(text, session);
    try {
      let example: Example;
      try {
        const day = localTime(now(), timeZone).date;
        example = await examplesFile.add({ text, code, intent: asked }, session.user, day, known);
      } catch (err) {
        if (!(err instanceof ExampleWriteError)) throw err;
        logger.warn({ err: errorSummary(err) }, "staff label not saved");
        return again(409, err.message);
      }
      await audit.record(
        session.user,
        "example-added",
        `«${text.slice(0, 80)}» → ${code}${asked ? ` (${asked})` : ""}`,
        boundWard(session),
      );
      const served = await reloadServes(example);
      const shared = await done({ kind: "add", example });
      sendHtml(
        res,
        200,
        examplesPage(frameOf("Câu mẫu", "/staff/examples"), {
          ...examplesView(session),
          saved: { example, ...served },
          waiting: waitingOf(text, shared),
        }),
      );
    } finally {
      await done();
    }
  }

  async function deleteExample(res: ServerResponse, session: StaffSession, form: URLSearchParams, frame: PageFrame) {
    // Matched, never written: a label typed into the file by hand (numbers and all) can be deleted too.
    const text = cleanText(form.get("text") ?? "");
    const access = labelAccess(session);
    const view = () => examplesView(session);
    if (!access.ok || !examplesFile) return sendHtml(res, 403, examplesPage(frame, view()));
    const gone = () =>
      sendHtml(
        res,
        404,
        examplesPage(frame, { ...view(), error: "Không còn câu mẫu này trong tệp (có thể vừa được xoá)." }),
      );
    // The Xoá button asks first: nothing is removed (nor audited) until the confirmation's own form is posted.
    if (form.get("confirm") !== "yes") {
      const key = sameTextKey(text);
      const labels = (deps.catalogue.current().catalogue.examples ?? []).filter(
        (e) => isStaffExample(e) && sameTextKey(e.text) === key,
      );
      if (labels.length === 0) return gone();
      return sendHtml(res, 200, deleteConfirmPage(frame, { csrf: session.csrf, text, labels, nameOf }));
    }
    const done = changing(text, session);
    try {
      let removed: Example[];
      try {
        removed = await examplesFile.remove(text, knownCodes());
      } catch (err) {
        if (!(err instanceof ExampleWriteError)) throw err;
        return sendHtml(res, 409, examplesPage(frame, { ...view(), error: err.message }));
      }
      if (removed.length === 0) return gone();
      await audit.record(
        session.user,
        "example-deleted",
        `«${scrubQuestion(text).slice(0, 80)}» → ${removed.map((e) => e.code).join(", ")}`,
        boundWard(session),
      );
      await reload?.();
      const shared = await done({ kind: "remove", text });
      sendHtml(res, 200, examplesPage(frame, { ...view(), deleted: text, waiting: waitingOf(text, shared) }));
    } finally {
      await done();
    }
  }

  /**
   * Reloads the catalogue now (the watcher would, a moment later) and tells whether the bot serves
   * the new label; when another file is broken the reload is refused, and staff read why.
   */
  async function reloadServes(example: Example): Promise<{ served: boolean; problem?: string }> {
    await reload?.();
    const served = labelOf()(example.text)?.code === example.code;
    if (served) return { served };
    const problems = ((await deps.catalogue.check?.()) ?? []).filter((p) => p.severity !== "warning");
    return {
      served,
      problem:
        problems.length > 0
          ? `danh mục đang có lỗi ở tệp khác (${problems.slice(0, 3).map(formatProblem).join("; ")})`
          : undefined,
    };
  }

  const forbidden = (res: ServerResponse) =>
    sendHtml(
      res,
      403,
      page(
        { title: "Yêu cầu bị từ chối" },
        html`<p>Biểu mẫu đã hết hạn hoặc không hợp lệ. <a href="/staff/">Tải lại trang</a> rồi thử lại.</p>`,
      ),
    );
  const notFound = (res: ServerResponse, frame: PageFrame) =>
    sendHtml(res, 404, page(frame, html`<p>Không có trang này. <a href="/staff/">Về trang tổng quan</a>.</p>`));

  return {
    handle,
    close() {
      daily.close();
      audit.close();
    },
  };
}

/** A catalogue without synonyms (a console given no more than its examples): words stand for themselves. */
const NO_SYNONYMS: SynonymsFile = { groups: [], filler: [] };

/**
 * Whether a scrubbed question has a word besides its marks ("[số]", "[số điện thoại]"…): "[số]" alone would
 * label every message that is only a number, and a question of emoji alone has no words to meet again.
 */
function hasWords(scrubbed: string): boolean {
  return exactKey(scrubbed.replace(/\[[^\]]*\]/g, " ")) !== "";
}

/**
 * The question a label is for, scrubbed as the unanswered list keeps questions (NFC, spaces collapsed,
 * phone numbers, dossier codes and other numbers marked, 300 characters): the list's links carry it so
 * already, and whatever else a form or an address carries, no personal number reaches examples.json,
 * the audit log or a page.
 */
function labelText(value: string | null): string {
  return scrubQuestion(value ?? "");
}
