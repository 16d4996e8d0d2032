#pragma once
// One audit-journal event: a plain, trivially copyable struct that producers (engine,
// order thread, control thread) fill on their own thread and hand to Journal::record by
// value. No pointers, no strings: the journal thread turns it into a text line later.
//
// Builders below are constexpr and allocation-free; the producer supplies wall_ns (see
// wallNowNs) and market_ns, because only it knows when the thing happened.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string_view>
#include <type_traits>

#include "core/FixedPoint.h"
#include "core/Instrument.h"
#include "core/Order.h"
#include "core/Tick.h"
#include "fix/BadFixMessage.h"
#include "risk/Desync.h"
#include "risk/KillSwitch.h"
#include "risk/RejectCode.h"

namespace bw::pipeline {

/// What happened. Journal lines spell these UPPER_SNAKE (journalEventTypeName).
enum class JournalEventType : std::uint8_t {
  kDecision = 0,  ///< the decision engine wants an order (before the gate)
  kVerdict,       ///< RiskGate::check's answer; code = RejectCode, aux = check ns
  kOrderSent,     ///< the order thread sent a new order; aux = verdict -> send ns
  kCancelSent,    ///< the order thread sent a cancel; order_id = the order, aux = cancel request id
  kAck,           ///< venue acknowledged the order; code = ExecEvent::Kind
  kFill,          ///< a (partial) fill; price/qty = this fill, aux = cum qty, aux2 = leaves; code = ExecEvent::Kind
  kCanceled,      ///< venue confirmed the cancel; code = ExecEvent::Kind
  kVenueReject,   ///< venue rejected the order (or, code CANCEL_REJECTED, a cancel); text = venue reason
  kKill,          ///< a kill switch tripped; code = KillReason, scope/symbol/strategy = which switch, text = who
  kKillReset,     ///< a latched kill was reset; scope as kKill, text = who
  kLimitChange,   ///< a limit changed; code = limit key index, aux = old, aux2 = new, scope = live/shadow, text = who: key
  kGateChange,    ///< a live-gate layer changed; code = layer, aux = open (1) / closed (0), text = reason
  kStateChange,   ///< trading state changed; aux = old, aux2 = new, text = who / why
  kShadowReject,  ///< the shadow limit set would have rejected this order; code = RejectCode
  kSession,       ///< process/session lifecycle (start, stop, FIX logon/logout, thread attach)
  kDrop,          ///< written by the journal itself: events lost to a full queue; aux = lost since last, aux2 = total
  kDesync,        ///< our books and the venue's reports disagree (risk/Reconciler.h); code = DesyncKind,
                  ///< aux = ours, aux2 = the venue's (1e-8 units), text = what
  kBadFix,        ///< a FIX message the gateway refused (fix/BadFixMessage.h); code = its kind, aux = its
                  ///< full length, text = its raw fields ('|' for SOH), header CompIDs / times left out, cut
  kReplaceSent,   ///< the order thread sent a replace; order_id = the order replaced, aux = the replacement's
                  ///< ClOrdID, price/qty = the new limit and order quantity, aux2 = verdict -> send ns
  kMassCancelSent,  ///< the order thread sent a mass cancel; aux = its ClOrdID, symbol = the one (none: all)
  kCount
};

inline constexpr std::size_t kJournalEventTypeCount = static_cast<std::size_t>(JournalEventType::kCount);

[[nodiscard]] constexpr const char* journalEventTypeName(JournalEventType t) noexcept {
  switch (t) {
    case JournalEventType::kDecision: return "DECISION";
    case JournalEventType::kVerdict: return "VERDICT";
    case JournalEventType::kOrderSent: return "ORDER_SENT";
    case JournalEventType::kCancelSent: return "CANCEL_SENT";
    case JournalEventType::kAck: return "ACK";
    case JournalEventType::kFill: return "FILL";
    case JournalEventType::kCanceled: return "CANCELED";
    case JournalEventType::kVenueReject: return "VENUE_REJECT";
    case JournalEventType::kKill: return "KILL";
    case JournalEventType::kKillReset: return "KILL_RESET";
    case JournalEventType::kLimitChange: return "LIMIT_CHANGE";
    case JournalEventType::kGateChange: return "GATE_CHANGE";
    case JournalEventType::kStateChange: return "STATE_CHANGE";
    case JournalEventType::kShadowReject: return "SHADOW_REJECT";
    case JournalEventType::kSession: return "SESSION";
    case JournalEventType::kDrop: return "DROP";
    case JournalEventType::kDesync: return "DESYNC";
    case JournalEventType::kBadFix: return "BAD_FIX";
    case JournalEventType::kReplaceSent: return "REPLACE_SENT";
    case JournalEventType::kMassCancelSent: return "MASS_CANCEL_SENT";
    case JournalEventType::kCount: break;
  }
  return "UNKNOWN";
}

/// Name -> type; false for an unknown name. Any thread; no allocation.
[[nodiscard]] constexpr bool parseJournalEventType(std::string_view name, JournalEventType& out) noexcept {
  for (std::size_t i = 0; i < kJournalEventTypeCount; ++i) {
    const auto t = static_cast<JournalEventType>(i);
    if (name == journalEventTypeName(t)) {
      out = t;
      return true;
    }
  }
  return false;
}

/// Which switch or limit set an event is about (kills, resets, limit changes).
enum class JournalScope : std::uint8_t {
  kNone = 0,   ///< not applicable ("-")
  kGlobal,     ///< the global kill switch / the live limit set
  kSymbol,     ///< one symbol's kill switch (symbol field)
  kStrategy,   ///< one strategy's kill switch (strategy field)
  kShadow,     ///< the shadow limit set
  kCount
};

[[nodiscard]] constexpr const char* journalScopeName(JournalScope s) noexcept {
  switch (s) {
    case JournalScope::kNone: return "-";
    case JournalScope::kGlobal: return "GLOBAL";
    case JournalScope::kSymbol: return "SYMBOL";
    case JournalScope::kStrategy: return "STRATEGY";
    case JournalScope::kShadow: return "SHADOW";
    case JournalScope::kCount: break;
  }
  return "UNKNOWN";
}

[[nodiscard]] constexpr bool parseJournalScope(std::string_view name, JournalScope& out) noexcept {
  for (std::size_t i = 0; i < static_cast<std::size_t>(JournalScope::kCount); ++i) {
    const auto s = static_cast<JournalScope>(i);
    if (name == journalScopeName(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

/// Side value for events that have none (kills, limit changes): written as "-".
/// Side has a fixed underlying type, so any uint8 value is a valid Side.
inline constexpr Side kNoSide = static_cast<Side>(0xFF);

struct JournalEvent {
  static constexpr std::size_t kTextCapacity = 64;  ///< including the terminating NUL (a decision's reasons fit)

  std::int64_t wall_ns = 0;    ///< producer's wall clock (CLOCK_REALTIME ns), see wallNowNs
  std::int64_t market_ns = 0;  ///< market time of the tick that led here (0 if none)
  std::uint64_t order_id = 0;  ///< ClOrdID of the order concerned (0 if none)
  std::int64_t price = 0;      ///< Price::raw (1e-8 quote)
  std::int64_t qty = 0;        ///< Qty::raw (1e-8 base)
  std::int64_t aux = 0;        ///< type-specific, see JournalEventType
  std::int64_t aux2 = 0;       ///< type-specific, see JournalEventType
  JournalEventType type = JournalEventType::kSession;
  std::uint8_t code = 0;       ///< RejectCode (verdict/shadow), KillReason (kill), ExecEvent::Kind (venue events)
  Side side = kNoSide;
  JournalScope scope = JournalScope::kNone;
  SymbolId symbol = kNoSymbol;
  std::uint8_t strategy = 0;
  std::uint8_t reserved = 0;
  char text[kTextCapacity] = {};  ///< who / reason / key; NUL-terminated, truncated

  /// Copies `s` into text, cut to kTextCapacity - 1 bytes. No allocation.
  constexpr JournalEvent& setText(std::string_view s) noexcept {
    const std::size_t n = std::min(s.size(), kTextCapacity - 1);
    for (std::size_t i = 0; i < n; ++i) text[i] = s[i];
    for (std::size_t i = n; i < kTextCapacity; ++i) text[i] = '\0';
    return *this;
  }
  [[nodiscard]] constexpr std::string_view textView() const noexcept {
    std::size_t n = 0;
    while (n < kTextCapacity && text[n] != '\0') ++n;
    return std::string_view(text, n);
  }

  /// CLOCK_REALTIME in ns, through the vDSO (no system call, about 20 ns). Any thread.
  [[nodiscard]] static std::int64_t wallNowNs() noexcept {
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
  }

  // ---- builders: constexpr, allocation-free; any thread ----

  [[nodiscard]] static constexpr JournalEvent basic(JournalEventType type, std::int64_t wall_ns,
                                                    std::int64_t market_ns = 0) noexcept {
    JournalEvent e;
    e.type = type;
    e.wall_ns = wall_ns;
    e.market_ns = market_ns;
    return e;
  }

  [[nodiscard]] static constexpr JournalEvent ofIntent(JournalEventType type, std::int64_t wall_ns,
                                                       std::int64_t market_ns, const OrderIntent& intent) noexcept {
    JournalEvent e = basic(type, wall_ns, market_ns);
    e.order_id = intent.id;
    e.symbol = intent.symbol;
    e.side = intent.side;
    e.price = intent.limit.raw;
    e.qty = intent.qty.raw;
    e.strategy = intent.strategy;
    return e;
  }

  /// The decision engine's intent, before the gate. aux = stop, aux2 = target (raw prices).
  [[nodiscard]] static constexpr JournalEvent decision(std::int64_t wall_ns, std::int64_t market_ns,
                                                       const OrderIntent& intent) noexcept {
    JournalEvent e = ofIntent(JournalEventType::kDecision, wall_ns, market_ns, intent);
    e.aux = intent.stop_loss.raw;
    e.aux2 = intent.take_profit.raw;
    return e;
  }

  /// The gate's verdict on an intent; check_ns = time the check took (aux).
  [[nodiscard]] static constexpr JournalEvent verdict(std::int64_t wall_ns, std::int64_t market_ns,
                                                      const OrderIntent& intent, risk::RejectCode code,
                                                      std::int64_t check_ns = 0) noexcept {
    JournalEvent e = ofIntent(JournalEventType::kVerdict, wall_ns, market_ns, intent);
    e.code = static_cast<std::uint8_t>(code);
    e.aux = check_ns;
    return e;
  }

  /// What the shadow limit set would have said (only journaled when it would reject).
  [[nodiscard]] static constexpr JournalEvent shadowReject(std::int64_t wall_ns, std::int64_t market_ns,
                                                           const OrderIntent& intent, risk::RejectCode code) noexcept {
    JournalEvent e = ofIntent(JournalEventType::kShadowReject, wall_ns, market_ns, intent);
    e.code = static_cast<std::uint8_t>(code);
    e.scope = JournalScope::kShadow;
    return e;
  }

  /// A new order on the wire; latency_ns = verdict -> send (the promotion gate's latency).
  [[nodiscard]] static constexpr JournalEvent orderSent(std::int64_t wall_ns, const OrderRequest& req,
                                                        std::int64_t latency_ns) noexcept {
    JournalEvent e = basic(JournalEventType::kOrderSent, wall_ns);
    e.order_id = req.id;
    e.symbol = req.symbol;
    e.side = req.side;
    e.price = req.limit.raw;
    e.qty = req.qty.raw;
    e.strategy = req.strategy;
    e.aux = latency_ns;
    return e;
  }

  /// A cancel on the wire: order_id = the order being canceled, aux = the cancel's own id.
  [[nodiscard]] static constexpr JournalEvent cancelSent(std::int64_t wall_ns, const OrderRequest& req) noexcept {
    JournalEvent e = basic(JournalEventType::kCancelSent, wall_ns);
    e.order_id = req.orig_id;
    e.symbol = req.symbol;
    e.side = req.side;
    e.strategy = req.strategy;
    e.aux = static_cast<std::int64_t>(req.id);
    return e;
  }

  /// A replace on the wire: order_id = the order replaced, aux = the replacement's
  /// ClOrdID, price and qty = what it asks for, aux2 = verdict -> send ns.
  [[nodiscard]] static constexpr JournalEvent replaceSent(std::int64_t wall_ns, const OrderRequest& req,
                                                          std::int64_t latency_ns) noexcept {
    JournalEvent e = basic(JournalEventType::kReplaceSent, wall_ns);
    e.order_id = req.orig_id;
    e.symbol = req.symbol;
    e.side = req.side;
    e.price = req.limit.raw;
    e.qty = req.qty.raw;
    e.strategy = req.strategy;
    e.aux = static_cast<std::int64_t>(req.id);
    e.aux2 = latency_ns;
    return e;
  }

  /// A mass cancel on the wire: aux = its ClOrdID; symbol = the one canceled (none: all).
  [[nodiscard]] static constexpr JournalEvent massCancelSent(std::int64_t wall_ns, const OrderRequest& req) noexcept {
    JournalEvent e = basic(JournalEventType::kMassCancelSent, wall_ns);
    e.symbol = req.symbol;
    e.aux = static_cast<std::int64_t>(req.id);
    return e;
  }

  /// An execution report: ACK, FILL (partial or full), CANCELED or VENUE_REJECT (a cancel
  /// reject is a VENUE_REJECT with code CANCEL_REJECTED: the order itself lives on).
  [[nodiscard]] static constexpr JournalEvent exec(std::int64_t wall_ns, const ExecEvent& x) noexcept {
    JournalEventType type = JournalEventType::kAck;
    switch (x.kind) {
      case ExecEvent::Kind::kNew: type = JournalEventType::kAck; break;
      case ExecEvent::Kind::kPartialFill:
      case ExecEvent::Kind::kFill: type = JournalEventType::kFill; break;
      case ExecEvent::Kind::kCanceled: type = JournalEventType::kCanceled; break;
      case ExecEvent::Kind::kRejected:
      case ExecEvent::Kind::kCancelRejected:
      case ExecEvent::Kind::kReplaceRejected: type = JournalEventType::kVenueReject; break;
      // Answers that move no quantity journal as an ACK whose code names the kind.
      case ExecEvent::Kind::kReplaced:
      case ExecEvent::Kind::kStatus:
      case ExecEvent::Kind::kPendingCancel:
      case ExecEvent::Kind::kPendingReplace:
      case ExecEvent::Kind::kMassCancelReport: type = JournalEventType::kAck; break;
    }
    JournalEvent e = basic(type, wall_ns);
    e.code = static_cast<std::uint8_t>(x.kind);
    e.order_id = x.id;
    e.symbol = x.symbol;
    e.side = x.side;
    e.price = x.last_px.raw;
    e.qty = x.last_qty.raw;
    e.aux = x.cum_qty.raw;
    e.aux2 = x.leaves_qty.raw;
    std::size_t n = 0;
    while (n < sizeof(x.text) && x.text[n] != '\0') ++n;
    e.setText(std::string_view(x.text, n));
    return e;
  }

  /// A kill switch tripped: reason, which switch, who.
  [[nodiscard]] static constexpr JournalEvent kill(std::int64_t wall_ns, risk::KillReason reason, JournalScope scope,
                                                   SymbolId symbol, std::uint8_t strategy,
                                                   std::string_view who) noexcept {
    JournalEvent e = basic(JournalEventType::kKill, wall_ns);
    e.code = static_cast<std::uint8_t>(reason);
    e.scope = scope;
    e.symbol = symbol;
    e.strategy = strategy;
    e.setText(who);
    return e;
  }

  [[nodiscard]] static constexpr JournalEvent killReset(std::int64_t wall_ns, JournalScope scope, SymbolId symbol,
                                                        std::uint8_t strategy, std::string_view who) noexcept {
    JournalEvent e = basic(JournalEventType::kKillReset, wall_ns);
    e.scope = scope;
    e.symbol = symbol;
    e.strategy = strategy;
    e.setText(who);
    return e;
  }

  /// A limit changed: key = index in the limit table, old/new in the limit's unit.
  [[nodiscard]] static constexpr JournalEvent limitChange(std::int64_t wall_ns, std::uint8_t key,
                                                          std::int64_t old_value, std::int64_t new_value,
                                                          JournalScope scope, std::string_view who_key) noexcept {
    JournalEvent e = basic(JournalEventType::kLimitChange, wall_ns);
    e.code = key;
    e.aux = old_value;
    e.aux2 = new_value;
    e.scope = scope;
    e.setText(who_key);
    return e;
  }

  /// A live-gate layer opened or closed.
  [[nodiscard]] static constexpr JournalEvent gateChange(std::int64_t wall_ns, std::uint8_t layer, bool open,
                                                         std::string_view reason) noexcept {
    JournalEvent e = basic(JournalEventType::kGateChange, wall_ns);
    e.code = layer;
    e.aux = open ? 1 : 0;
    e.setText(reason);
    return e;
  }

  /// Trading state changed (values of the caller's state enum).
  [[nodiscard]] static constexpr JournalEvent stateChange(std::int64_t wall_ns, std::int64_t old_state,
                                                          std::int64_t new_state, std::string_view why) noexcept {
    JournalEvent e = basic(JournalEventType::kStateChange, wall_ns);
    e.aux = old_state;
    e.aux2 = new_state;
    e.setText(why);
    return e;
  }

  /// The reconciler found our books and the venue's reports apart (the kill follows).
  [[nodiscard]] static constexpr JournalEvent desync(std::int64_t wall_ns, std::int64_t market_ns,
                                                     const risk::Desync& d) noexcept {
    JournalEvent e = basic(JournalEventType::kDesync, wall_ns);
    e.market_ns = market_ns;
    e.code = static_cast<std::uint8_t>(d.kind);
    e.order_id = d.id;
    e.symbol = d.symbol;
    e.aux = d.ours;
    e.aux2 = d.theirs;
    std::size_t n = 0;
    while (n < sizeof(d.text) && d.text[n] != '\0') ++n;
    e.setText(std::string_view(d.text, n));
    return e;
  }

  /// A refused FIX message. The text column holds 63 bytes, so the fields that say least
  /// (BeginString, BodyLength, CompIDs, SendingTime, CheckSum) are left out of it; the rest
  /// is kept in its order, MsgType and MsgSeqNum first (the full text is in QuickFIX's
  /// message log by MsgSeqNum, where [fix] file_log is on).
  [[nodiscard]] static constexpr JournalEvent badFix(std::int64_t wall_ns, std::int64_t market_ns,
                                                     const fix::BadFixMessage& m) noexcept {
    JournalEvent e = basic(JournalEventType::kBadFix, wall_ns, market_ns);
    e.code = m.code;
    e.aux = m.length;
    const std::string_view raw = m.textView();
    std::size_t n = 0;
    std::size_t at = 0;
    while (at < raw.size() && n < kTextCapacity - 1) {
      std::size_t end = raw.find('|', at);
      if (end == std::string_view::npos) end = raw.size();
      const std::string_view field = raw.substr(at, end - at);
      at = end + 1;
      const std::string_view tag = field.substr(0, field.find('='));
      if (tag == "8" || tag == "9" || tag == "49" || tag == "56" || tag == "52" || tag == "10") continue;
      for (std::size_t i = 0; i <= field.size() && n < kTextCapacity - 1; ++i) {
        e.text[n++] = i < field.size() ? field[i] : '|';
      }
    }
    return e;
  }

  [[nodiscard]] static constexpr JournalEvent session(std::int64_t wall_ns, std::string_view what) noexcept {
    JournalEvent e = basic(JournalEventType::kSession, wall_ns);
    e.setText(what);
    return e;
  }
};

/// Name of an event's code in a journal line, or nullptr where the code is written as a
/// plain number (limit key, gate layer, codes outside a table). Any thread; no allocation.
[[nodiscard]] constexpr const char* journalCodeName(JournalEventType type, std::uint8_t code) noexcept {
  switch (type) {
    case JournalEventType::kVerdict:
    case JournalEventType::kShadowReject:
      return code < risk::kRejectCodeCount ? risk::rejectCodeName(static_cast<risk::RejectCode>(code)) : nullptr;
    case JournalEventType::kKill: {
      const char* name = risk::killReasonName(static_cast<risk::KillReason>(code));
      return std::string_view(name) == "UNKNOWN" ? nullptr : name;
    }
    case JournalEventType::kAck:
    case JournalEventType::kFill:
    case JournalEventType::kCanceled:
    case JournalEventType::kVenueReject: {
      const char* name = execKindName(static_cast<ExecEvent::Kind>(code));
      return std::string_view(name) == "UNKNOWN" ? nullptr : name;
    }
    case JournalEventType::kDesync:
      return code < risk::kDesyncKindCount ? risk::desyncKindName(static_cast<risk::DesyncKind>(code)) : nullptr;
    case JournalEventType::kBadFix: return fix::badFixCodeName(code);
    default: return nullptr;
  }
}

/// The regulation a verdict's code implements ("" where none), else "".
[[nodiscard]] constexpr const char* journalCodeRule(JournalEventType type, std::uint8_t code) noexcept {
  if ((type == JournalEventType::kVerdict || type == JournalEventType::kShadowReject) &&
      code < risk::kRejectCodeCount) {
    return risk::rejectCodeRule(static_cast<risk::RejectCode>(code));
  }
  return "";
}

/// Inverse of journalCodeName (a name, or a decimal number 0..255). False if neither.
[[nodiscard]] constexpr bool parseJournalCode(JournalEventType type, std::string_view text,
                                              std::uint8_t& out) noexcept {
  if (text.empty()) return false;
  bool numeric = text.size() <= 3;
  unsigned value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      numeric = false;
      break;
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (numeric && value <= 255) {
    out = static_cast<std::uint8_t>(value);
    return true;
  }
  for (unsigned c = 0; c <= 255; ++c) {
    const char* name = journalCodeName(type, static_cast<std::uint8_t>(c));
    if (name != nullptr && text == name) {
      out = static_cast<std::uint8_t>(c);
      return true;
    }
  }
  return false;
}

static_assert(std::is_trivially_copyable_v<JournalEvent>, "JournalEvent is copied by value through the queue");
static_assert(std::is_standard_layout_v<JournalEvent>);
static_assert(sizeof(JournalEvent) <= 128, "a JournalEvent fits two cache lines");
static_assert(sizeof(JournalEvent) == 128, "layout: 7 x int64, 8 bytes of small fields, text[64]");

}  // namespace bw::pipeline
