import { describe, expect, it } from "vitest";
import { PhoneNumberDirectory } from "../src/directory/admin-user-snapshot.js";

describe("the company's numbers, held compact", () => {
  it("answers for every number as the records said, the last record of a number winning", () => {
    const numbers = new PhoneNumberDirectory([
      { phoneNumber: "+14155550100", category: "LOCAL", status: "ASSIGNED" },
      { phoneNumber: "+18885550101", category: "TOLL_FREE", status: null },
      // Values 8x8 does not publish, and numbers not in E.164, are kept as given.
      { phoneNumber: "+14155550102", category: "MOBILE", status: "RESERVED" },
      { phoneNumber: "(415) 555-0103", category: "LOCAL", status: "ASSIGNED" },
      { phoneNumber: "+04155550104", category: "LOCAL", status: "PORTING" },
      // A port-in: the number being ported names the temporary one, which names nothing.
      { phoneNumber: "+16175550105", status: "PORTING", temporaryNumber: "+14155550106" },
      { phoneNumber: "+442079460018", status: "PRE_PORTING", portingNumber: "+442079460099" },
      { phoneNumber: "+1 415 555 0107", temporaryNumber: "415-555-0108" },
    ]);
    expect(numbers.size).toBe(8);
    expect(numbers.get("+14155550100")).toEqual({
      phoneNumber: "+14155550100",
      category: "LOCAL",
      status: "ASSIGNED",
    });
    expect(numbers.get("+18885550101")).toMatchObject({ category: "TOLL_FREE", status: null });
    expect(numbers.get("+14155550102")).toMatchObject({ category: "MOBILE", status: "RESERVED" });
    expect(numbers.get("(415) 555-0103")).toMatchObject({ category: "LOCAL", status: "ASSIGNED" });
    expect(numbers.get("+04155550104")).toMatchObject({ status: "PORTING" });
    expect(numbers.get("+4155550104")).toBeUndefined();
    expect(numbers.get("+14155550106")).toBeUndefined();
    expect(numbers.get("+14155550199")).toBeUndefined();
    expect(
      ["+14155550106", "+442079460018", "415-555-0108", "+16175550105", "+14155550100"].map((n) =>
        numbers.isTemporary(n),
      ),
    ).toEqual([true, true, true, false, false]);

    // A later record of the same number replaces the earlier one, compact or as given either way.
    numbers.add({ phoneNumber: "+14155550100", category: "LOCAL", status: "SOMETHING_NEW" });
    numbers.add({ phoneNumber: "+14155550102", category: "LOCAL", status: "AVAILABLE" });
    numbers.add({ phoneNumber: "+14155550106", category: "LOCAL", status: "ASSIGNED" });
    expect(numbers.get("+14155550100")).toMatchObject({ status: "SOMETHING_NEW" });
    expect(numbers.get("+14155550102")).toMatchObject({ category: "LOCAL", status: "AVAILABLE" });
    expect(numbers.get("+14155550106")).toMatchObject({ status: "ASSIGNED" });
    expect(numbers.isTemporary("+14155550106")).toBe(true);
    expect(numbers.size).toBe(9);
  });

  it("finds every number after the table has grown many times", () => {
    const numbers = new PhoneNumberDirectory();
    for (let i = 0; i < 300_000; i++)
      numbers.add({ phoneNumber: `+1415${5_000_000 + i}`, category: i % 10 ? "LOCAL" : "TOLL_FREE" });
    expect(numbers.size).toBe(300_000);
    for (const i of [0, 1, 299_999])
      expect(numbers.get(`+1415${5_000_000 + i}`)?.category).toBe(i % 10 ? "LOCAL" : "TOLL_FREE");
    expect(numbers.get("+14156000000")).toBeUndefined();
  });
});
