import { type Html, html } from "../html.js";
import { csrfField, notice, type PageFrame, page } from "../layout.js";

export function lookupPage(
  frame: PageFrame,
  options: {
    available: boolean;
    csrf: string;
    code?: string;
    result?: string | null;
    /** The dossier belongs to another ward than the account's: that ward's name. */
    otherWard?: string;
  },
): Html {
  if (!options.available) {
    return page(frame, html`<section><p>Chưa có thư mục dữ liệu (DATA_DIR): chưa có hồ sơ để tra cứu.</p></section>`);
  }
  return page(
    frame,
    html`<section><form method="post" action="/staff/lookup" class="filters">${csrfField(options.csrf)}
  <div><label for="code">Mã hồ sơ (như trên giấy hẹn)</label><input type="text" id="code" name="code" required maxlength="80" autocomplete="off" value="${options.code ?? ""}"></div>
  <div><button type="submit">Tra cứu</button></div>
</form>
<p class="muted">Hiển thị như người dân thấy trong trò chuyện: họ tên đã che bớt, không có số điện thoại. Mỗi lần tra cứu được ghi vào nhật ký.</p></section>
${
  options.otherWard
    ? notice(
        "error",
        html`Hồ sơ <strong>${options.code ?? ""}</strong> thuộc ${options.otherWard}; tài khoản của bạn chỉ tra cứu được hồ sơ của phường, xã mình. Hãy hướng dẫn người dân liên hệ nơi đã nộp hồ sơ.`,
      )
    : options.result === null
      ? notice(
          "error",
          html`Không tìm thấy hồ sơ có mã <strong>${options.code ?? ""}</strong>. Kiểm tra lại mã trên giấy hẹn.`,
        )
      : options.result
        ? html`<section><h2>Hồ sơ</h2><pre class="dossier">${options.result}</pre></section>`
        : ""
}`,
  );
}
