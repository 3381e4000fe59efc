// 8x8 Administration API bodies: what the worker's directory sync reads, what the sandbox's imitation
// accepts for a user PATCH.
import { describe, expect, it } from "vitest";
import {
  AdminApiPageSchema,
  AdminApiPhoneNumberSchema,
  AdminApiUserPatchSchema,
  AdminApiUserSchema,
} from "../src/index.js";
import * as schemas from "../src/schemas/index.js";

const user = {
  id: "u-alice",
  basicInfo: {
    firstName: "Alice",
    lastName: "Ng",
    primaryEmail: "alice@example.com",
    userName: "alice",
    status: "ACTIVE",
    site: "Boston",
    timeZone: "America/New_York",
  },
  serviceInfo: { licenses: [{ id: "lic-4", name: "X Series - X4", country: "US" }] },
  extensions: [
    { extensionNumber: "1001", phoneNumbers: ["+16175550101"], primaryPhoneNumber: "+16175550101" },
  ],
};
const number = {
  phoneNumber: "+16175550101",
  country: "US",
  category: "LOCAL",
  status: "ASSIGNED",
  temporaryNumber: false,
  portingNumber: null,
};

const issues = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((issue) => issue.path.join("."));

describe("Administration API reads", () => {
  it("are exported from the schemas barrel too", () => {
    expect(schemas.AdminApiUserSchema).toBe(AdminApiUserSchema);
    expect(schemas.AdminApiPageSchema).toBe(AdminApiPageSchema);
  });

  it("parse a valid page; its items are left for one-by-one checks", () => {
    const page = AdminApiPageSchema.parse({
      data: [user, { not: "a user" }],
      pagination: { pageSize: 100, totalCount: 2, hasMore: true, nextScrollId: "abc" },
    });
    expect(page.data).toHaveLength(2);
    expect(page.pagination).toEqual({ pageSize: 100, totalCount: 2, hasMore: true, nextScrollId: "abc" });
    expect(
      AdminApiPageSchema.safeParse({ data: [], pagination: { hasMore: false, nextScrollId: null } }).success,
    ).toBe(true);
    expect(AdminApiPageSchema.safeParse({ data: [], pagination: { hasMore: false } }).success).toBe(true);
  });

  it("tolerate fields they don't use and keep them", () => {
    const parsed = AdminApiUserSchema.parse({ ...user, newInBeta: { x: 1 } });
    expect(parsed).toMatchObject({ newInBeta: { x: 1 }, basicInfo: { userName: "alice" } });
    expect(parsed.serviceInfo?.licenses[0]).toEqual({ id: "lic-4", name: "X Series - X4", country: "US" });
    expect(AdminApiPhoneNumberSchema.parse(number)).toEqual(number);
    expect(AdminApiUserSchema.parse({ id: "u-bare" })).toEqual({ id: "u-bare" });
    expect(AdminApiPhoneNumberSchema.parse({ phoneNumber: "+16175550102" })).toEqual({
      phoneNumber: "+16175550102",
    });
  });

  it("report a bad field by its path", () => {
    expect(issues(AdminApiUserSchema.safeParse({ ...user, id: "" }))).toEqual(["id"]);
    expect(
      issues(AdminApiUserSchema.safeParse({ ...user, extensions: [{ phoneNumbers: ["+16175550101", 7] }] })),
    ).toEqual(["extensions.0.phoneNumbers.1"]);
    expect(
      issues(AdminApiUserSchema.safeParse({ ...user, serviceInfo: { licenses: [{ id: "lic-4" }] } })),
    ).toEqual(["serviceInfo.licenses.0.name"]);
    expect(issues(AdminApiPhoneNumberSchema.safeParse({ ...number, status: "GONE" }))).toEqual(["status"]);
    expect(issues(AdminApiPhoneNumberSchema.safeParse({ ...number, temporaryNumber: "no" }))).toEqual([
      "temporaryNumber",
    ]);
    expect(issues(AdminApiPageSchema.safeParse({ data: [], pagination: { hasMore: "yes" } }))).toEqual([
      "pagination.hasMore",
    ]);
    expect(issues(AdminApiPageSchema.safeParse({ items: [], pagination: { hasMore: false } }))).toEqual([
      "data",
    ]);
  });
});

describe("Administration API user PATCH body", () => {
  it("accepts the changeable parts of a user in the user's own shape", () => {
    expect(
      AdminApiUserPatchSchema.parse({
        basicInfo: { jobTitle: "Lead", status: "INACTIVE", primaryEmail: "a@example.com" },
        serviceInfo: { licenses: [{ name: "X Series - X6" }] },
        extensions: [{ primaryPhoneNumber: null }],
      }),
    ).toEqual({
      basicInfo: { jobTitle: "Lead", status: "INACTIVE", primaryEmail: "a@example.com" },
      serviceInfo: { licenses: [{ name: "X Series - X6" }] },
      extensions: [{ primaryPhoneNumber: null }],
    });
    expect(AdminApiUserPatchSchema.parse({})).toEqual({});
  });

  it("refuses unknown fields and bad values, by path", () => {
    const bad = AdminApiUserPatchSchema.safeParse({ extensions: [{ primaryPhoneNumber: "555" }] });
    expect(issues(bad)).toEqual(["extensions.0.primaryPhoneNumber"]);
    expect(bad.error?.issues[0]?.message).toBe("expected an E.164 number such as +14155550101");
    const unknown = AdminApiUserPatchSchema.safeParse({ basicInfo: { shoeSize: 9 } });
    expect(unknown.error?.issues[0]).toMatchObject({
      code: "unrecognized_keys",
      path: ["basicInfo"],
      keys: ["shoeSize"],
    });
    expect(issues(AdminApiUserPatchSchema.safeParse({ basicInfo: { status: "GONE" } }))).toEqual([
      "basicInfo.status",
    ]);
    expect(
      issues(
        AdminApiUserPatchSchema.safeParse({ serviceInfo: { licenses: [{ name: "a" }, { name: "b" }] } }),
      ),
    ).toEqual(["serviceInfo.licenses"]);
    expect(
      issues(
        AdminApiUserPatchSchema.safeParse({
          extensions: [{ primaryPhoneNumber: null }, { primaryPhoneNumber: null }],
        }),
      ),
    ).toEqual(["extensions"]);
  });
});
