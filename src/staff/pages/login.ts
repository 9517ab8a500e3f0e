import { type Html, html } from "../html.js";
import { notice, page } from "../layout.js";

export function loginPage(options: { csrf: string; error?: string; username?: string }): Html {
  return page(
    { title: "Đăng nhập" },
    html`<div class="login"><section>
  ${options.error ? notice("error", options.error) : ""}
  <form method="post" action="/staff/login">
    <input type="hidden" name="csrf" value="${options.csrf}">
    <label for="username">Tên đăng nhập</label>
    <input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${options.username ?? ""}">
    <label for="password">Mật khẩu</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="200">
    <p><button type="submit">Đăng nhập</button></p>
  </form>
  <p class="muted">Tài khoản do quản trị tạo bằng lệnh <code>npm run staff:add -- TÊN</code>.</p>
</section></div>`,
  );
}
