import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "../../src/staff/passwords.js";

describe("staff passwords", () => {
  it("are stored as a salted scrypt hash with its parameters, and checked", async () => {
    const hash = await hashPassword("Hoa sen nở giữa hồ 2026");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain("Hoa sen");
    expect(await verifyPassword("Hoa sen nở giữa hồ 2026", hash)).toBe(true);
    expect(await verifyPassword("Hoa sen nở giữa hồ 2027", hash)).toBe(false);
    // The same password twice gives two different hashes (random salt).
    expect(await hashPassword("Hoa sen nở giữa hồ 2026")).not.toBe(hash);
  });

  it("typed in another Unicode form (decomposed accents) still matches", async () => {
    const hash = await hashPassword("Mật khẩu của phường", 2 ** 10);
    expect(await verifyPassword("Mật khẩu của phường".normalize("NFD"), hash)).toBe(true);
  });

  it("a damaged stored hash never matches", async () => {
    for (const stored of ["", "scrypt$x$8$1$abc$def", "bcrypt$10$abc", "scrypt$1024$8$1$$"]) {
      expect(await verifyPassword("anything at all", stored)).toBe(false);
    }
  });

  it("weak passwords are refused with the reason in Vietnamese", () => {
    expect(passwordProblem("ngan qua", "lan.nt")).toMatch(/^Mật khẩu phải có ít nhất 12 ký tự/);
    expect(passwordProblem("aaaaaaaaaaaaaaa", "lan.nt")).toMatch(/ít nhất 5 ký tự khác nhau/);
    expect(passwordProblem("Lan.NT của phường 7", "lan.nt")).toMatch(/không được chứa tên đăng nhập/);
    expect(passwordProblem("123456789012", "lan.nt")).toMatch(/quá phổ biến/);
    expect(passwordProblem("matkhau123456", "lan.nt")).toMatch(/quá phổ biến/);
    expect(passwordProblem("Mật khẩu 123456", "lan.nt")).toMatch(/quá phổ biến/);
    expect(passwordProblem("Hoa sen nở giữa hồ 2026", "lan.nt")).toBeUndefined();
  });
});
