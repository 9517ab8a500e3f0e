import { type Html, type HtmlValue, html, trusted } from "./html.js";

/** The console's pages, in menu order: path under /staff and the menu label. */
export const MENU = [
  ["/staff/", "Tổng quan"],
  ["/staff/ratings", "Đánh giá"],
  ["/staff/questions", "Câu hỏi chưa trả lời"],
  ["/staff/examples", "Câu mẫu"],
  ["/staff/import", "Nhập hồ sơ"],
  ["/staff/lookup", "Tra cứu hồ sơ"],
  ["/staff/audit", "Nhật ký"],
] as const;

// One small inline stylesheet (no file or font from the internet): readable on a 1366×768 office
// screen and on a phone; wide tables scroll inside their box instead of widening the page.
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;background:#f4f6f8}
header{background:#0b4f8a;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem}
header .brand{font-weight:700;font-size:1.05rem}
nav{display:flex;flex-wrap:wrap;gap:.25rem}
nav a{color:#fff;text-decoration:none;padding:.35rem .6rem;border-radius:4px}
nav a[aria-current=page]{background:#fff;color:#0b4f8a;font-weight:600}
nav a:hover{background:#1d6bb0}
header .who{margin-left:auto;display:flex;align-items:center;gap:.5rem;font-size:.9rem}
header .scope{border:1px solid #fff;border-radius:4px;padding:0 .4rem}
main{max-width:1280px;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.25rem 0 1rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
section,.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:.75rem 1rem;margin-bottom:1rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.75rem;margin-bottom:1rem}
.card{margin:0}
.card .big{font-size:1.6rem;font-weight:700}
.muted{color:#57606a;font-size:.9rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e9ed;vertical-align:top}
th{background:#eef2f5;font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
td.wide{min-width:16rem}
td.code{white-space:nowrap}
.ok{color:#116329}.warn{color:#8a5a00}.bad{color:#b3261e}
tr.accepted td:first-child{border-left:4px solid #2da44e}
tr.warned td:first-child{border-left:4px solid #d4a72c}
tr.rejected td:first-child{border-left:4px solid #cf222e}
.badge{display:inline-block;padding:0 .45rem;border-radius:10px;font-size:.85rem;font-weight:600}
.badge.ok{background:#dafbe1}.badge.warn{background:#fff8c5}.badge.bad{background:#ffebe9}
form.inline{display:inline}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}
input[type=text],input[type=password],input[type=month],select,input[type=file]{font:inherit;padding:.45rem;border:1px solid #8c959f;border-radius:4px;width:100%;max-width:28rem;background:#fff}
button{font:inherit;padding:.45rem 1rem;border-radius:4px;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}
header button{padding:.2rem .6rem;background:#fff;color:#0b4f8a;border-color:#fff}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.filters label{margin:0 0 .2rem}
.notice{padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem}
.notice.error{background:#ffebe9;border:1px solid #cf222e}
.notice.info{background:#ddf4ff;border:1px solid #54aeff}
.notice.success{background:#dafbe1;border:1px solid #2da44e}
summary{cursor:pointer;color:#0b4f8a;font-weight:600;margin:.25rem 0 .5rem}
pre.dossier{white-space:pre-wrap;font:inherit;margin:0}
.chart{max-width:100%;height:auto}
.login{max-width:24rem;margin:3rem auto}
blockquote{margin:.25rem 0;padding:.25rem .75rem;border-left:3px solid #d8dee4;white-space:pre-wrap}
@media (max-width:600px){main{padding:.5rem}header .who{margin-left:0}h1{font-size:1.2rem}th,td{padding:.3rem}
table.stack thead{display:none}table.stack tr{display:block;padding:.35rem 0;border-bottom:1px solid #d8dee4}
table.stack td{display:block;border:0;padding:.1rem .4rem;min-width:0;text-align:left;white-space:normal}
table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#57606a}}
`;

export interface PageFrame {
  title: string;
  /** The signed-in staff member; absent on the login page. */
  user?: string;
  csrf?: string;
  /** Path of the current page, to mark it in the menu. */
  current?: string;
  /** What the account sees, beside its name: "Phường Bến Nghé", "Quản trị tỉnh"; absent on a single-ward install. */
  scope?: string;
}

export function page(frame: PageFrame, body: HtmlValue): Html {
  const nav = frame.user
    ? html`<nav aria-label="Mục chính">${MENU.map(
        ([href, label]) =>
          html`<a href="${href}"${frame.current === href ? trusted(' aria-current="page"') : ""}>${label}</a>`,
      )}</nav>
      <div class="who"><span>${frame.user}</span>${frame.scope ? html`<span class="scope">${frame.scope}</span>` : ""}
        <form class="inline" method="post" action="/staff/logout"><input type="hidden" name="csrf" value="${frame.csrf ?? ""}"><button type="submit">Đăng xuất</button></form>
      </div>`
    : "";
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${frame.title} · Bảng điều khiển cán bộ</title>
<style>${trusted(CSS)}</style></head>
<body><header><span class="brand">Một cửa · Cán bộ</span>${nav}</header>
<main><h1>${frame.title}</h1>
${body}
</main></body></html>`;
}

export function notice(kind: "error" | "info" | "success", text: HtmlValue): Html {
  return html`<div class="notice ${kind}" role="${kind === "error" ? "alert" : "status"}">${text}</div>`;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="csrf" value="${token}">`;
}
