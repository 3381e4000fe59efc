// 8x8 Administration API bodies, in the shapes 8x8 publishes (user-api-v1.yaml, phonenumber-api-v1.yaml):
// what the worker's directory sync and audit read, what the sandbox's imitation accepts for a write.
// Every published example is checked against these schemas in the sandbox's contract tests.
import { describe, expect, it } from "vitest";
import {
  AdminApiErrorBodySchema,
  AdminApiPageSchema,
  AdminApiPhoneNumberSchema,
  AdminApiUserSchema,
  AdminApiUserWriteSchema,
  extensionPhoneNumberOf,
  firstIssueText,
  nextScrollIdOf,
  voiceExtensionOf,
  voiceLicenseOf,
} from "../src/index.js";
import * as schemas from "../src/schemas/index.js";

/** A user shaped as the published `User`: the id in basicInfo, licenses and extensions under serviceInfo. */
const user = {
  basicInfo: {
    userId: "hvOB1l3zDCaDAwp9tNLzZA",
    userName: "alice@example.com",
    firstName: "Alice",
    lastName: "Ng",
    primaryEmail: "alice@example.com",
    status: "ACTIVE",
    locale: "en-US",
    timezone: "America/New_York",
    site: { id: "SAH3U8guQaK4WQhpDZi0rQ", name: "Boston", pbxName: "corpco01" },
  },
  directoryInfo: { jobTitle: "Account Executive", department: "Sales" },
  serviceInfo: {
    licenses: [
      { id: "02KB", name: "UC Call Recordings Cold Storage-VOSVC0504-01-GB", country: "GB" },
      { id: "lic-4", name: "X Series - X4", country: "US" },
    ],
    extensions: [
      {
        extensionNumber: "1001",
        licenseId: "lic-4",
        primaryPhoneNumber: "+16175550101",
        phoneNumbers: [{ phoneNumber: "+16175550101", primary: true, country: "US", origin: "CLAIMED" }],
      },
    ],
  },
};
const number = {
  phoneNumber: "+16175550160",
  nationalFormattedNumber: "(617) 555-0160",
  country: "US",
  category: "LOCAL",
  origin: "PORTING",
  status: "ASSIGNED",
  temporaryNumber: null,
  portingNumber: "+16175559999",
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

  it("read a published-shape user and number, keeping fields they don't use", () => {
    const parsed = AdminApiUserSchema.parse({ ...user, assignmentInfo: { ringGroups: [] } });
    expect(parsed.basicInfo.userId).toBe("hvOB1l3zDCaDAwp9tNLzZA");
    expect(parsed.basicInfo.site).toEqual({
      id: "SAH3U8guQaK4WQhpDZi0rQ",
      name: "Boston",
      pbxName: "corpco01",
    });
    expect(parsed.serviceInfo?.extensions?.[0]?.licenseId).toBe("lic-4");
    expect(parsed).toMatchObject({ assignmentInfo: { ringGroups: [] } });
    expect(AdminApiPhoneNumberSchema.parse(number)).toEqual(number);
  });

  it("accept null wherever the published schemas say nullable", () => {
    const nulls = AdminApiUserSchema.safeParse({
      basicInfo: { userId: null, status: null, site: null, locale: null },
      directoryInfo: null,
      serviceInfo: {
        licenses: null,
        extensions: [{ licenseId: null, phoneNumbers: null, primaryPhoneNumber: null }],
      },
    });
    expect(nulls.error).toBeUndefined();
    expect(
      AdminApiPhoneNumberSchema.safeParse({
        phoneNumber: null,
        category: null,
        status: null,
        temporaryNumber: null,
      }).success,
    ).toBe(true);
    expect(AdminApiPageSchema.safeParse({ data: null, pagination: { hasMore: null } }).success).toBe(true);
  });

  it("report a bad field by its path", () => {
    expect(issues(AdminApiUserSchema.safeParse({ id: "u-1" }))).toEqual(["basicInfo"]);
    expect(firstIssueText(AdminApiUserSchema.safeParse({ id: "u-1" }).error!)).toMatch(/^basicInfo: /);
    expect(
      issues(
        AdminApiUserSchema.safeParse({
          ...user,
          serviceInfo: { extensions: [{ phoneNumbers: ["+16175550101"] }] },
        }),
      ),
    ).toEqual(["serviceInfo.extensions.0.phoneNumbers.0"]);
    expect(issues(AdminApiPhoneNumberSchema.safeParse({ ...number, temporaryNumber: true }))).toEqual([
      "temporaryNumber",
    ]);
    expect(issues(AdminApiPageSchema.safeParse({ data: [], pagination: { hasMore: "yes" } }))).toEqual([
      "pagination.hasMore",
    ]);
    expect(issues(AdminApiPageSchema.safeParse({ data: {} }))).toEqual(["data"]);
  });
});

describe("a user's voice extension, number and license", () => {
  const addOn = { id: "rec", name: "UC Call Recordings Cold Storage-VOSVC0504-01-GB" };
  const basic = { id: "b", name: "X Series - Basic" };
  const x4 = { id: "x4", name: "X Series - X4" };

  it("takes the license the extension's licenseId names, not an add-on listed first", () => {
    expect(voiceLicenseOf([addOn, basic, x4], { licenseId: "b" })).toBe(basic);
    expect(voiceLicenseOf([addOn, x4], { licenseId: "x4" })).toBe(x4);
  });

  it("without a licenseId (or one naming nothing listed), takes the first license read as a voice license", () => {
    expect(voiceLicenseOf([addOn, basic], {})).toBe(basic);
    expect(voiceLicenseOf([addOn, basic], { licenseId: "gone" })).toBe(basic);
    expect(voiceLicenseOf([addOn], undefined)).toBe(addOn);
    expect(voiceLicenseOf(null, undefined)).toBeUndefined();
  });

  it("finds the number: primaryPhoneNumber, else the primary entry, else the first; the extension with one", () => {
    const listed = [{ phoneNumber: "+16175550101" }, { phoneNumber: "+16175550102", primary: true }];
    expect(extensionPhoneNumberOf({ primaryPhoneNumber: "+16175550199", phoneNumbers: listed })).toBe(
      "+16175550199",
    );
    expect(extensionPhoneNumberOf({ primaryPhoneNumber: null, phoneNumbers: listed })).toBe("+16175550102");
    expect(extensionPhoneNumberOf({ phoneNumbers: [{ phoneNumber: null }, listed[0]!] })).toBe(
      "+16175550101",
    );
    expect(extensionPhoneNumberOf(undefined)).toBeNull();
    const withNumber = { extensionNumber: "2", primaryPhoneNumber: "+16175550101" };
    expect(voiceExtensionOf([{ extensionNumber: "1" }, withNumber])).toBe(withNumber);
    expect(voiceExtensionOf(null)).toBeUndefined();
  });
});

describe("the next page", () => {
  it("ends on hasMore: false, else follows nextScrollId, else _links.next", () => {
    expect(nextScrollIdOf({ data: [], pagination: { hasMore: false, nextScrollId: "abc" } })).toBeNull();
    expect(nextScrollIdOf({ data: [], pagination: { hasMore: true, nextScrollId: "abc" } })).toBe("abc");
    expect(nextScrollIdOf({ data: [], pagination: { hasMore: null, nextScrollId: "abc" } })).toBe("abc");
    expect(nextScrollIdOf({ data: [], pagination: { hasMore: true } })).toBeNull();
    expect(
      nextScrollIdOf({
        pagination: { hasMore: true },
        _links: { next: { href: "/users?pageSize=100&scrollId=a%2Bb%3D" } },
      }),
    ).toBe("a+b=");
    expect(nextScrollIdOf({})).toBeNull();
  });
});

describe("Administration API errors", () => {
  it("read the ErrorResponse shape, with codes beyond the published enum", () => {
    const body = AdminApiErrorBodySchema.parse({
      status: 429,
      title: "Too Many Requests",
      errors: [{ code: "RATE_LIMIT_EXCEEDED", message: "Maximum 100 requests per minute exceeded" }],
    });
    expect(body.errors?.[0]?.code).toBe("RATE_LIMIT_EXCEEDED");
  });
});

describe("Administration API user writes (POST / PUT body)", () => {
  const write = { basicInfo: user.basicInfo, serviceInfo: user.serviceInfo };

  it("accept a whole published-shape user", () => {
    expect(AdminApiUserWriteSchema.parse(write).basicInfo.userName).toBe("alice@example.com");
  });

  it("refuse what 8x8 refuses, by path: required basicInfo fields, their limits, a malformed number", () => {
    expect(issues(AdminApiUserWriteSchema.safeParse({ basicInfo: { firstName: "Al" } }))).toEqual([
      "basicInfo.userName",
      "basicInfo.lastName",
      "basicInfo.primaryEmail",
    ]);
    expect(
      issues(AdminApiUserWriteSchema.safeParse({ basicInfo: { ...user.basicInfo, firstName: "A" } })),
    ).toEqual(["basicInfo.firstName"]);
    expect(
      issues(AdminApiUserWriteSchema.safeParse({ basicInfo: { ...user.basicInfo, status: "GONE" } })),
    ).toEqual(["basicInfo.status"]);
    const bad = AdminApiUserWriteSchema.safeParse({
      ...write,
      serviceInfo: { extensions: [{ primaryPhoneNumber: "555" }] },
    });
    expect(issues(bad)).toEqual(["serviceInfo.extensions.0.primaryPhoneNumber"]);
    expect(bad.error?.issues[0]?.message).toBe("expected an E.164 number such as +14155550101");
  });
});
