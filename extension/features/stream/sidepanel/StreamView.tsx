import { AmplifyBar } from "../../amplify/sidepanel/AmplifyBar"
import { Stream } from "./Stream"

/** The Stream tab: amplify the current page, then the ranked Stream. */
export function StreamView() {
  return (
    <>
      <AmplifyBar />
      <Stream />
    </>
  )
}
