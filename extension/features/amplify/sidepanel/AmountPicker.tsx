import { parseAmp } from "../../../../shared/ledger/amount"
import type { WalletBalanceWire } from "../../../../shared/messages/catalog"
import { AMOUNT_PRESETS, reachFor, reachText, type AmountCheck } from "./amount"
import { reachExplanation, type ReachAdvice } from "./reach-advice"

export interface AmountPickerProps {
  id: string
  /** A preset ("0", "1"…) or "custom". */
  choice: string
  custom: string
  onChoose(choice: string, custom: string): void
  reach: { amount: bigint; people: number }[] | undefined
  /** undefined: still reading; null: no AMP network on this device. */
  balance: WalletBalanceWire | null | undefined
  check: AmountCheck
  advice: ReachAdvice | undefined
  onOpenWallet(): void
}

/** Free or an AMP amount, each with the engine's reach estimate; AMP amounts need a wallet. */
export function AmountPicker({ id, choice, custom, onChoose, reach, balance, check, advice, onOpenWallet }: AmountPickerProps) {
  const noWallet = balance === null
  const explanation = advice ? reachExplanation(advice) : undefined
  return (
    <fieldset className="amount-picker" aria-describedby={`${id}-balance`}>
      <legend>Boost with AMP</legend>
      <div className="amount-options" role="radiogroup" aria-label="Amount">
        {AMOUNT_PRESETS.map((p) => {
          const off = noWallet && p !== "0"
          const classes = ["amount-option", choice === p ? "selected" : "", off ? "disabled" : ""].filter(Boolean).join(" ")
          return (
            <label key={p} className={classes} data-testid={`amount-preset-${p}`}>
              {/* Picking a preset empties "Other", so only one choice ever looks selected. */}
              <input type="radio" name={`${id}-amount`} value={p} checked={choice === p} disabled={off} onChange={() => onChoose(p, "")} aria-describedby={off ? `${id}-balance` : undefined} />
              <span className="amount-value">{p === "0" ? "Free" : `${p} AMP`}</span>
              <span className="amount-reach" data-testid={`amount-reach-${p}`}>
                {p === "0" ? "your followers" : off ? "needs a wallet" : reachText(reachFor(reach, parseAmp(p)))}
              </span>
            </label>
          )
        })}
        <label className={["amount-option custom", choice === "custom" ? "selected" : "", noWallet ? "disabled" : ""].filter(Boolean).join(" ")} data-testid="amount-custom">
          <input type="radio" name={`${id}-amount`} value="custom" checked={choice === "custom"} disabled={noWallet} onChange={() => onChoose("custom", custom)} />
          <span className="amount-value">Other</span>
          <input
            type="text"
            inputMode="decimal"
            aria-label="Other amount in AMP"
            data-testid="amount-custom-input"
            placeholder="AMP"
            disabled={noWallet}
            value={custom}
            onFocus={() => onChoose("custom", custom)}
            onChange={(e) => onChoose("custom", e.target.value)}
          />
        </label>
      </div>
      <p id={`${id}-balance`} className="amount-balance" data-testid="amplify-balance">
        {balance === undefined ? (
          "Reading your balance…"
        ) : balance === null ? (
          <>
            Set up your AMP wallet first: only a free amplification is possible on this device.{" "}
            <button type="button" className="link-button" data-testid="amplify-open-wallet" onClick={onOpenWallet}>
              Open the Wallet tab
            </button>
          </>
        ) : (
          `Spendable: ${balance.spendable} AMP${balance.pendingOut !== "0" ? ` (${balance.pendingOut} AMP pending out)` : ""}`
        )}
      </p>
      <p className={check.ok ? "amount-summary" : "amount-summary error"} role={check.ok ? undefined : "alert"} data-testid="amplify-reach">
        {!check.ok ? check.message : check.free ? "Free amplification: shown to people who follow you" : `${check.text} AMP: ${reachText(reachFor(reach, check.units))}`}
      </p>
      {explanation ? (
        <p className="amount-explanation" data-testid="amplify-reach-explanation" data-kind={advice?.kind}>
          {explanation}
        </p>
      ) : null}
    </fieldset>
  )
}
