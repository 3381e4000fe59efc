// One set of advice per registration-form field, for the finding's steps and the extension's SMS panel.
import { describe, expect, it } from "vitest";
import { registrationAdvice } from "../src/index.js";

describe("registrationAdvice", () => {
  it("knows a field however the console words its label", () => {
    const keywords = registrationAdvice("Opt In Keywords");
    expect(keywords).toMatch(/START/);
    for (const label of ["Opt-In Keywords", "opt-in keyword", "  OPT IN KEYWORDS "]) {
      expect(registrationAdvice(label)).toBe(keywords);
    }
    expect(registrationAdvice("Opt Out Keywords")).toMatch(/STOP/);
    expect(registrationAdvice("Opt Out Response Message")).not.toBe(registrationAdvice("Opt Out Keywords"));
    expect(registrationAdvice("Tax Number/ID/EIN/UTR")).toMatch(/tax authority/);
    expect(registrationAdvice("EIN")).toBe(registrationAdvice("Tax Number/ID/EIN/UTR"));
    expect(registrationAdvice("Legal Company Name")).toMatch(/exactly as the tax authority's letter/);
    expect(registrationAdvice("DBA or Brand Name")).toMatch(/sample messages/);
  });

  it("gives general advice for a field it does not know, or none, and never matches inside a word", () => {
    const general = registrationAdvice(undefined);
    expect(general).toMatch(/as the error says/);
    expect(registrationAdvice("")).toBe(general);
    expect(registrationAdvice("Vertical")).toBe(general);
    expect(registrationAdvice("Protein content")).toBe(general); // "ein" inside a word is not the EIN
    expect(registrationAdvice("Reliability")).toBe(general); // nor "lei"
  });
});
