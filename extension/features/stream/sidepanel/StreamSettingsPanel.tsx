import { decode } from "nostr-tools/nip19"
import { useId, useState } from "react"

import type { CommunityInfo } from "../../../../shared/engine/engine-api"
import type { StreamSettingsContent } from "../../../../shared/nostr/kinds/stream-settings"
import { personAccessibleName } from "../../people/sidepanel/person-label"
import { PersonName } from "../../people/sidepanel/PersonName"
import { useProfileNames } from "../../people/sidepanel/use-profile-names"
import { PreviewImagesOption } from "./PreviewImagesOption"

type Source = StreamSettingsContent["allowAmplifiedFrom"][number]
const SOURCES: { id: Exclude<Source, "everyone">; label: string }[] = [
  { id: "friends", label: "People I follow" },
  { id: "communities", label: "Communities I choose" },
  { id: "topics", label: "Topics I choose" }
]

/** A hex pubkey from an npub or 64-hex input, or undefined. */
export function parsePubkey(input: string): string | undefined {
  const s = input.trim()
  if (/^[0-9a-f]{64}$/i.test(s)) return s.toLowerCase()
  try {
    const d = decode(s)
    return d.type === "npub" ? d.data : undefined
  } catch {
    return undefined
  }
}

/** An npub (or 64-hex key) input that adds a person to one of the panel's lists. */
function AddPersonForm({ label, placeholder, button, testid, onAdd, onError }: { label: string; placeholder: string; button: string; testid: string; onAdd(pubkey: string): void; onError(message: string): void }) {
  const id = useId()
  const [input, setInput] = useState("")
  return (
    <form
      className="ss-add"
      onSubmit={(e) => {
        e.preventDefault()
        const pk = parsePubkey(input)
        if (!pk) return onError("Enter an npub or a 64-character hex key.")
        setInput("")
        onAdd(pk)
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} value={input} onChange={(e) => setInput(e.target.value)} placeholder={placeholder} data-testid={testid} />
      <button type="submit" className="secondary small">
        {button}
      </button>
    </form>
  )
}

export interface StreamSettingsPanelProps {
  settings: StreamSettingsContent
  communities: CommunityInfo[]
  muted: string[]
  hidden: string[]
  save(s: StreamSettingsContent): Promise<void>
  unmute(pubkey: string): void
  unhide(url: string): void
}

/**
 * The person's Stream settings (kind 30078, docs/MODEL.md §5): where amplified content may come
 * from, blocked advertisers and per-source dials. Each change is saved (signed, published) and
 * applied to the engine and the Stream at once. Also lists muted people and hidden posts, and
 * holds the preview-image choice, which is local to this device and never published.
 */
export function StreamSettingsPanel({ settings, communities, muted, hidden, save, unmute, unhide }: StreamSettingsPanelProps) {
  const [error, setError] = useState<string>()
  const names = useProfileNames([...Object.keys(settings.dials), ...settings.blockedAdvertisers, ...muted])
  const allow = new Set(settings.allowAmplifiedFrom)
  const mode = allow.has("everyone") ? "everyone" : allow.size === 0 ? "none" : "some"

  const update = (patch: Partial<StreamSettingsContent>) => {
    setError(undefined)
    save({ ...settings, ...patch }).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
  }
  const setMode = (m: string) => update({ allowAmplifiedFrom: m === "everyone" ? ["everyone"] : m === "none" ? [] : ["friends"] })
  const toggleSource = (s: Source, on: boolean) => {
    const next = new Set<Source>(settings.allowAmplifiedFrom.filter((x) => x !== "everyone"))
    on ? next.add(s) : next.delete(s)
    update({ allowAmplifiedFrom: [...next] })
  }
  const toggleIn = (key: "communities" | "topics", name: string, on: boolean) => {
    const next = new Set(settings[key])
    on ? next.add(name) : next.delete(name)
    update({ [key]: [...next] })
  }
  const topics = communities.filter((c) => c.kind === "topic").map((c) => c.name.replace(/^#/, ""))
  const allTopics = [...new Set([...topics, ...settings.topics])]
  const emergent = [...new Set([...communities.map((c) => c.name), ...settings.communities])]

  return (
    <div className="stream-settings-body" data-testid="stream-settings-body">
      <fieldset className="ss-group">
        <legend>Amplified content (paid reach) from</legend>
        {[
          ["everyone", "Everyone"],
          ["some", "Only the sources I choose"],
          ["none", "No one: organic posts only"]
        ].map(([value, label]) => (
          <label key={value} className="ss-option">
            <input type="radio" name="allow-mode" value={value} checked={mode === value} onChange={() => setMode(value!)} data-testid={`allow-${value}`} /> {label}
          </label>
        ))}
        {mode === "some" ? (
          <div className="ss-sub">
            {SOURCES.map((s) => (
              <label key={s.id} className="ss-option">
                <input type="checkbox" checked={allow.has(s.id)} onChange={(e) => toggleSource(s.id, e.target.checked)} data-testid={`allow-${s.id}`} /> {s.label}
              </label>
            ))}
            {allow.has("communities") ? (
              <ChipSet label="Communities" items={emergent} chosen={settings.communities} onToggle={(n, on) => toggleIn("communities", n, on)} empty="No communities found yet." />
            ) : null}
            {allow.has("topics") ? <ChipSet label="Topics" items={allTopics} chosen={settings.topics} prefix="#" onToggle={(n, on) => toggleIn("topics", n, on)} empty="No topics found yet." /> : null}
          </div>
        ) : null}
        <p className="muted ss-hint">Posts by the people who wrote them are never filtered here; use Mute or a dial for that.</p>
      </fieldset>

      <fieldset className="ss-group">
        <legend>Per-source dials</legend>
        {Object.keys(settings.dials).length === 0 ? <p className="muted ss-hint">Every source counts once (dial 1). Add one to boost (up to 4) or quiet (0) it.</p> : null}
        <ul className="ss-list">
          {Object.entries(settings.dials).map(([pk, d]) => (
            <li key={pk} className="ss-dial" data-testid="dial-row">
              <label>
                <PersonName pubkey={pk} me={undefined} names={names} />
                <input type="range" min={0} max={4} step={1} value={d} aria-label={`Dial for ${personAccessibleName(pk, undefined, names)}`} aria-valuetext={`${d}`} onChange={(e) => update({ dials: { ...settings.dials, [pk]: Number(e.target.value) } })} />
                <output>{d}</output>
              </label>
              <button
                type="button"
                className="link-button"
                aria-label={`Remove the dial for ${personAccessibleName(pk, undefined, names)}`}
                onClick={() => {
                  const { [pk]: _, ...rest } = settings.dials
                  update({ dials: rest })
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <AddPersonForm label="Add a dial for (npub)" placeholder="npub1… to dial" button="Add dial" testid="dial-input" onError={setError} onAdd={(pk) => update({ dials: { ...settings.dials, [pk]: settings.dials[pk] ?? 2 } })} />
      </fieldset>

      <fieldset className="ss-group">
        <legend>Blocked advertisers</legend>
        <ul className="ss-list">
          {settings.blockedAdvertisers.map((pk) => (
            <li key={pk} data-testid="blocked-row">
              <PersonName pubkey={pk} me={undefined} names={names} />{" "}
              <button type="button" className="link-button" aria-label={`Unblock ${personAccessibleName(pk, undefined, names)}`} onClick={() => update({ blockedAdvertisers: settings.blockedAdvertisers.filter((x) => x !== pk) })}>
                Unblock
              </button>
            </li>
          ))}
        </ul>
        <AddPersonForm
          label="Block an advertiser (npub)"
          placeholder="npub1… to block"
          button="Block"
          testid="block-input"
          onError={setError}
          onAdd={(pk) => update({ blockedAdvertisers: [...new Set([...settings.blockedAdvertisers, pk])] })}
        />
      </fieldset>

      <PreviewImagesOption />

      {muted.length > 0 ? (
        <fieldset className="ss-group">
          <legend>Muted people</legend>
          <ul className="ss-list" data-testid="muted-list">
            {muted.map((pk) => (
              <li key={pk}>
                <PersonName pubkey={pk} me={undefined} names={names} />{" "}
                <button type="button" className="link-button" data-testid="unmute-button" aria-label={`Unmute ${personAccessibleName(pk, undefined, names)}`} onClick={() => unmute(pk)}>
                  Unmute
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}

      {hidden.length > 0 ? (
        <fieldset className="ss-group">
          <legend>Hidden on this device</legend>
          <ul className="ss-list" data-testid="hidden-list">
            {hidden.map((url) => (
              <li key={url}>
                <span className="card-url" title={url}>
                  {url}
                </span>{" "}
                <button type="button" className="link-button" data-testid="unhide-button" aria-label={`Show ${url} again`} onClick={() => unhide(url)}>
                  Show again
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      {error ? (
        <p role="alert" className="status error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

function ChipSet({ label, items, chosen, prefix = "", onToggle, empty }: { label: string; items: string[]; chosen: string[]; prefix?: string; onToggle(name: string, on: boolean): void; empty: string }) {
  const set = new Set(chosen)
  return (
    <div role="group" aria-label={label} className="chip-row">
      {items.length === 0 ? <span className="muted ss-hint">{empty}</span> : null}
      {items.map((n) => (
        <button key={n} type="button" className={set.has(n) ? "chip on" : "chip"} aria-pressed={set.has(n)} onClick={() => onToggle(n, !set.has(n))}>
          {prefix}
          {n}
        </button>
      ))}
    </div>
  )
}
