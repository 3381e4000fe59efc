import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { OptionsPage } from "../../src/options/OptionsPage";

afterEach(cleanup);

function setup(grant = true) {
  const settings = memorySettings();
  const area = memoryArea();
  const requested: string[][] = [];
  const permissions = {
    request: async ({ origins }: { origins: string[] }) => {
      requested.push(origins);
      return grant;
    },
    remove: async () => true,
  };
  render(<OptionsPage settings={settings} history={new HistoryStore(area)} permissions={permissions} />);
  return { settings, area, requested };
}

function fillWorker(url: string, token: string) {
  fireEvent.input(screen.getByLabelText("Worker API URL"), { target: { value: url } });
  fireEvent.input(screen.getByLabelText("Token"), { target: { value: token } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
}

describe("the options page", () => {
  it("asks for the worker's origin only, and keeps the token out of chrome.storage.local", async () => {
    const { settings, area, requested } = setup();
    fillWorker("https://sms-doctor.example.com/api", "t0ken");
    await waitFor(() => expect(screen.getByText("Saved.")).toBeTruthy());
    expect(requested).toEqual([["https://sms-doctor.example.com/*"]]);
    expect(await settings.get()).toEqual({ apiUrl: "https://sms-doctor.example.com/api", token: "t0ken" });
    expect(JSON.stringify([...area.data.values()])).not.toContain("t0ken");
  });

  it("doesn't save when Chrome refuses the origin, and says so", async () => {
    const { settings } = setup(false);
    fillWorker("https://sms-doctor.example.com", "t0ken");
    await waitFor(() => expect(screen.getByText(/didn't grant access/)).toBeTruthy());
    expect(await settings.get()).toBeUndefined();
  });

  it("refuses a URL that isn't http(s)", async () => {
    const { requested } = setup();
    fillWorker("ftp://sms-doctor.example.com", "t0ken");
    await waitFor(() => expect(screen.getByText(/http\(s\) URL/)).toBeTruthy());
    expect(requested).toEqual([]);
  });
});
