import type { CommunityInfo } from "../../../../shared/engine/engine-api"
import { targetGroups, targetOf } from "./targets"

/** Topic (#tag, published as a `t` tag) or emergent community (~name, never published), in two labelled groups. */
export function TargetPicker({ id, value, onChange, communities }: { id: string; value: string; onChange(value: string): void; communities: readonly CommunityInfo[] }) {
  const groups = targetGroups(communities)
  const target = targetOf(value)
  return (
    <div className="field">
      <label htmlFor={`${id}-topic`}>Topic or community</label>
      <select id={`${id}-topic`} data-testid="amplify-topic" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-topic-help`}>
        <option value="">Everyone (no topic)</option>
        {(
          [
            ["Topics: tagged on the post", groups.topics],
            ["Communities: found by your device, not tagged", groups.communities]
          ] as const
        ).map(([label, options]) =>
          options.length ? (
            <optgroup key={label} label={label}>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : null
        )}
      </select>
      <p id={`${id}-topic-help`} className="field-help" data-testid="amplify-topic-help">
        {target.kind === "topic"
          ? `The post is tagged ${target.name}, so people who follow that topic can find it.`
          : target.kind === "community"
            ? `${target.name} is a community your device found in who engages with whom; each reader's device finds its own, so a post cannot be addressed to one and nothing about it is published. It reaches ${target.name} through the people there who follow or engage with you.`
            : "A topic tags the post; a community is found by each reader's device and is never tagged."}
      </p>
    </div>
  )
}
