import { useCallback, useEffect, useId, useState } from "react"

import {
  getIdentity,
  walletBalance,
  walletEarnings,
  walletHistory,
  walletNetwork,
  walletPinNetwork,
  type WalletBalanceWire,
  type WalletHistoryEntryWire,
  type WalletNetwork
} from "../../../../shared/messages/catalog"
import { AmplifyDialogHost } from "../../amplify/sidepanel/AmplifyDialog"
import { send } from "../../messaging/send"
import { EarningsChart } from "./EarningsChart"
import { SendForm } from "./SendForm"
import { describeEntry, signedAmount, statusText, walletErrorText } from "./wallet-format"

interface WalletData {
  network: WalletNetwork | null
  balance?: WalletBalanceWire
  history: WalletHistoryEntryWire[]
  days: { day: string; total: string }[]
  error?: string
}

const REFRESH_MS = 2000

async function load(): Promise<WalletData> {
  const net = await send(walletNetwork, {})
  if (!net.ok) return { network: null, history: [], days: [], error: walletErrorText(net.code, net.message) }
  if (net.network === null) return { network: null, history: [], days: [] }
  const [balance, history, earnings] = await Promise.all([send(walletBalance, {}), send(walletHistory, { limit: 200 }), send(walletEarnings, {})])
  return {
    network: net.network,
    balance: balance.ok ? balance.balance : undefined,
    history: history.ok ? history.entries : [],
    days: earnings.ok ? earnings.days : [],
    error: !balance.ok ? walletErrorText(balance.code, balance.message) : undefined
  }
}

/** The Wallet tab: balance, earnings over time, send, and the history of what each AMP was for. */
export function WalletView() {
  const [data, setData] = useState<WalletData>()
  const [me, setMe] = useState<string>()
  const refresh = useCallback(() => {
    load().then(setData, (err: unknown) => setData({ network: null, history: [], days: [], error: err instanceof Error ? err.message : String(err) }))
  }, [])

  useEffect(() => {
    send(getIdentity, {}).then((id) => setMe(id.pubkey), () => undefined)
    refresh()
    const timer = setInterval(refresh, REFRESH_MS)
    return () => clearInterval(timer)
  }, [refresh])

  return (
    <div className="wallet" data-testid="wallet-view">
      <AmplifyDialogHost />
      {data === undefined ? (
        <p className="empty">Opening your wallet…</p>
      ) : data.network === null ? (
        <PinNetwork onPinned={refresh} error={data.error} />
      ) : (
        <>
          <BalanceCard balance={data.balance} network={data.network} error={data.error} />
          <section className="wallet-card" aria-labelledby="wallet-earnings-h">
            <h3 id="wallet-earnings-h">Earnings</h3>
            <EarningsChart days={data.days} today={new Date().toISOString().slice(0, 10)} />
          </section>
          <SendForm me={me} spendable={data.balance?.spendable ?? null} onSent={refresh} />
          <History entries={data.history} />
        </>
      )}
    </div>
  )
}

function BalanceCard({ balance, network, error }: { balance?: WalletBalanceWire; network: WalletNetwork; error?: string }) {
  if (!balance) return <p className="status error">{error ?? "The balance could not be read."}</p>
  const pending = balance.pendingIn !== "0" || balance.pendingOut !== "0"
  return (
    <section className="wallet-card balance-card" aria-labelledby="wallet-balance-h">
      <h3 id="wallet-balance-h" className="sr-only">
        Balance
      </h3>
      <p className="balance-label">Spendable</p>
      <p className="balance-main" data-testid="wallet-spendable" data-value={balance.spendable}>
        {balance.spendable} <span className="unit">AMP</span>
      </p>
      <dl className="balance-details">
        <div>
          <dt>Confirmed</dt>
          <dd data-testid="wallet-confirmed">{balance.confirmed} AMP</dd>
        </div>
        <div>
          <dt>Pending</dt>
          <dd data-testid="wallet-pending">{pending ? `+${balance.pendingIn} / −${balance.pendingOut} AMP` : "none"}</dd>
        </div>
        <div>
          <dt>Staked</dt>
          <dd data-testid="wallet-escrowed">{balance.escrowed} AMP</dd>
        </div>
      </dl>
      <p className="network-line muted" title={network.genesisId}>
        Network {network.network} · {network.genesisId.slice(0, 8)}…
      </p>
      {balance.frozenAtSeq !== null ? <p className="status error">{walletErrorText("frozen-account")}</p> : null}
    </section>
  )
}

function History({ entries }: { entries: WalletHistoryEntryWire[] }) {
  return (
    <section className="wallet-card" aria-labelledby="wallet-history-h">
      <h3 id="wallet-history-h">History</h3>
      {entries.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="history" data-testid="wallet-history">
          {entries.map((e) => (
            <li key={`${e.id}:${e.kind}:${e.role ?? ""}`} className={`history-entry ${e.direction} ${e.status}`} data-testid="history-entry" data-kind={e.kind}>
              <div className="history-what">
                <span className="history-text" data-testid="history-text">
                  {describeEntry(e)}
                </span>
                <span className="history-meta">
                  <time dateTime={new Date(e.at * 1000).toISOString()}>{new Date(e.at * 1000).toLocaleString()}</time> · <span className={`history-status ${e.status}`}>{statusText(e)}</span>
                </span>
              </div>
              <span className={`history-amount ${e.direction}`}>{signedAmount(e)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** No network yet: paste the network's signed genesis (what `npm run amp -- genesis` printed). */
function PinNetwork({ onPinned, error }: { onPinned(): void; error?: string }) {
  const id = useId()
  const [text, setText] = useState("")
  const [problem, setProblem] = useState(error)
  async function onPin() {
    let genesis: unknown
    try {
      genesis = JSON.parse(text)
    } catch {
      setProblem("Paste the genesis event as JSON (it starts with “{”).")
      return
    }
    const r = await send(walletPinNetwork, { genesis })
    if (!r.ok) setProblem(walletErrorText(r.code, r.message))
    else onPinned()
  }
  return (
    <section className="wallet-card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>AMP network</h3>
      <p className="muted">This device does not follow an AMP network yet. Paste the network's genesis event (kind 3330) to see your balance and use AMP.</p>
      <div className="field">
        <label htmlFor={`${id}-g`}>Genesis event (JSON)</label>
        <textarea id={`${id}-g`} rows={5} value={text} onChange={(e) => setText(e.target.value)} data-testid="network-genesis" />
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void onPin()} disabled={!text.trim()} data-testid="network-pin">
          Use this network
        </button>
      </div>
      {problem ? (
        <p className="status error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  )
}
