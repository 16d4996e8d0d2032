// The audit journal: every event from several producer threads written exactly once with
// a rising seq, append-and-continue across reopen, torn lines, a lossless reader round
// trip, malformed lines reported by line number, and record() allocating nothing (this
// binary links the counting operator new: tests/support/AllocationCounter.cpp). Runs
// under ThreadSanitizer too (CONCURRENT).

#include "pipeline/Journal.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "AllocationCounter.h"
#include "core/Decimal.h"
#include "pipeline/JournalReader.h"

namespace bw::pipeline {
namespace {

namespace fs = std::filesystem;

class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("bw_journal_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    path_ = (dir_ / (std::string(info->name()) + ".tsv")).string();
    fs::remove(path_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static std::vector<std::string> lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) out.push_back(line);
    return out;
  }

  InstrumentTable instruments_ = InstrumentTable::withDefaults();  // BTCUSDT = 0, ETHUSDT = 1
  fs::path dir_;
  std::string path_;
};

OrderIntent intent(OrderId id, Side side = Side::kBuy) {
  OrderIntent i;
  i.id = id;
  i.symbol = 0;
  i.side = side;
  i.limit = Price{6'100'050'000'000};  // 61000.5
  i.qty = Qty{100'000};                // 0.001
  i.stop_loss = Price{6'000'000'000'000};
  i.take_profit = Price{6'200'000'000'000};
  i.strategy = 3;
  return i;
}

TEST_F(JournalTest, newFileGetsHeadersAndOneTabSeparatedLinePerEvent) {
  {
    Journal journal(path_, 1024, instruments_);
    journal.start();
    ASSERT_TRUE(journal.record(JournalEvent::verdict(1'700'000'000'000'000'001, 42, intent(7),
                                                     risk::RejectCode::kPriceCollar, 812)));
    ASSERT_TRUE(journal.record(JournalEvent::kill(5, risk::KillReason::kOperator, JournalScope::kGlobal, kNoSymbol,
                                                  0, "ops\tdesk\nnight")));
    journal.stop();
    EXPECT_EQ(journal.written(), 2u);
  }
  const std::vector<std::string> l = lines(path_);
  ASSERT_EQ(l.size(), 4u);
  EXPECT_EQ(l[0], "# breakwater journal v1");
  EXPECT_EQ(l[1], Journal::kColumnLine);
  std::string verdict = "1\t1700000000000000001\t42\tVERDICT\t7\tBTCUSDT\tBUY\t-\t61000.5\t0.001\t";
  verdict += risk::rejectCodeName(risk::RejectCode::kPriceCollar);
  verdict += '\t';
  verdict += risk::rejectCodeRule(risk::RejectCode::kPriceCollar);
  verdict += "\t3\t812\t0\t";
  EXPECT_EQ(l[2], verdict);
  std::string kill = "2\t5\t0\tKILL\t0\t-\t-\tGLOBAL\t0\t0\t";
  kill += risk::killReasonName(risk::KillReason::kOperator);
  kill += "\t-\t0\t0\t0\tops desk night";  // tab and newline became spaces: one event, one line
  EXPECT_EQ(l[3], kill);
}

TEST_F(JournalTest, concurrentProducersWriteEveryEventExactlyOnceWithRisingSeq) {
  constexpr int kThreads = 3;
  constexpr std::uint64_t kPerThread = 20'000;
  {
    // Room for everything even if the writer falls behind (TSan): no drop is expected.
    Journal journal(path_, kThreads * kPerThread + 1024, instruments_);
    journal.start();
    std::vector<std::thread> producers;
    for (int t = 0; t < kThreads; ++t) {
      producers.emplace_back([&journal, t] {
        (void)journal.attachThread("producer " + std::to_string(t));
        for (std::uint64_t i = 0; i < kPerThread; ++i) {
          OrderIntent in = intent((static_cast<std::uint64_t>(t) + 1) * 1'000'000 + i);
          in.strategy = static_cast<std::uint8_t>(t);
          while (!journal.record(JournalEvent::decision(JournalEvent::wallNowNs(), 0, in))) {
            std::this_thread::yield();  // not expected: the queue holds everything
          }
        }
      });
    }
    for (std::thread& p : producers) p.join();
    journal.stop();
    EXPECT_EQ(journal.recorded(), kThreads * kPerThread + kThreads);
    EXPECT_EQ(journal.dropped(), 0u);
    EXPECT_EQ(journal.written(), kThreads * kPerThread + kThreads);
  }
  const JournalReadResult read = readJournal(path_);
  ASSERT_TRUE(read.ok()) << (read.errors.empty() ? "" : read.errors.front());
  ASSERT_EQ(read.records.size(), kThreads * kPerThread + kThreads);
  std::map<std::uint64_t, int> seen;
  std::vector<std::uint64_t> last_of(kThreads, 0);
  std::size_t attaches = 0;
  for (std::size_t i = 0; i < read.records.size(); ++i) {
    const JournalRecord& r = read.records[i];
    EXPECT_EQ(r.seq, i + 1);  // one per line, no gap, no repeat
    if (r.type == JournalEventType::kSession) {
      ++attaches;
      continue;
    }
    ASSERT_EQ(r.type, JournalEventType::kDecision);
    ++seen[r.order_id];
    const std::size_t t = r.strategy;
    ASSERT_LT(t, static_cast<std::size_t>(kThreads));
    EXPECT_GT(r.order_id, last_of[t]);  // each producer's events keep their order
    last_of[t] = r.order_id;
  }
  EXPECT_EQ(attaches, static_cast<std::size_t>(kThreads));
  EXPECT_EQ(seen.size(), kThreads * kPerThread);
  for (const auto& [id, count] : seen) ASSERT_EQ(count, 1) << "order " << id;
}

TEST_F(JournalTest, reopeningAppendsAndContinuesTheSeq) {
  for (int run = 0; run < 2; ++run) {
    Journal journal(path_, 1024, instruments_);
    EXPECT_EQ(journal.nextSeq(), run == 0 ? 1u : 6u);
    journal.start();
    for (int i = 0; i < (run == 0 ? 5 : 3); ++i) {
      ASSERT_TRUE(journal.record(JournalEvent::session(i, "run " + std::to_string(run))));
    }
  }  // destructor stops, drains, fsyncs
  const std::vector<std::string> l = lines(path_);
  ASSERT_EQ(l.size(), 10u);  // two header lines, written once
  EXPECT_EQ(std::count(l.begin(), l.end(), std::string(Journal::kHeaderLine)), 1);
  const JournalReadResult read = readJournal(path_);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read.records.size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(read.records[i].seq, i + 1);
  EXPECT_EQ(read.records[4].text, "run 0");
  EXPECT_EQ(read.records[5].text, "run 1");
}

TEST_F(JournalTest, tornLastLineIsEndedReportedAndTheSeqContinues) {
  {
    Journal journal(path_, 1024, instruments_);
    ASSERT_TRUE(journal.record(JournalEvent::session(1, "a")));
    ASSERT_TRUE(journal.record(JournalEvent::session(2, "b")));
  }
  {
    std::ofstream out(path_, std::ios::app);
    out << "3\t123\t0\tSESS";  // a crash mid-write: no newline
  }
  {
    Journal journal(path_, 1024, instruments_);
    EXPECT_EQ(journal.nextSeq(), 3u);  // the torn line is not trusted
    ASSERT_TRUE(journal.record(JournalEvent::session(4, "c")));
  }
  const JournalReadResult read = readJournal(path_);
  EXPECT_EQ(read.malformed, 1u);
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0].rfind(path_ + ":5: ", 0), 0u) << read.errors[0];
  ASSERT_EQ(read.records.size(), 3u);
  EXPECT_EQ(read.records[2].seq, 3u);
  EXPECT_EQ(read.records[2].text, "c");
  EXPECT_EQ(read.records[2].line, 6u);
}

TEST_F(JournalTest, refusesAFileThatIsNotAJournal) {
  {
    std::ofstream out(path_);
    out << "hello\n";
  }
  try {
    Journal journal(path_, 1024, instruments_);
    FAIL() << "expected a refusal";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path_), std::string::npos) << e.what();
  }
}

TEST_F(JournalTest, refusesASecondWriterOfTheSameFile) {
  Journal first(path_, 1024, instruments_);
  try {
    Journal second(path_, 1024, instruments_);
    FAIL() << "expected a refusal";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
}

TEST_F(JournalTest, unopenablePathThrowsNamingIt) {
  const std::string bad = (dir_ / "no-such-dir" / "journal.tsv").string();
  try {
    Journal journal(bad, 1024, instruments_);
    FAIL() << "expected a refusal";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
  }
  EXPECT_THROW(Journal(path_, 0, instruments_), std::invalid_argument);
}

TEST_F(JournalTest, readerRoundTripsEveryFieldOfEveryType) {
  std::vector<JournalEvent> events;
  for (std::size_t t = 0; t < kJournalEventTypeCount; ++t) {
    JournalEvent e;
    e.type = static_cast<JournalEventType>(t);
    e.wall_ns = 1'700'000'000'000'000'000 + static_cast<std::int64_t>(t);
    e.market_ns = -static_cast<std::int64_t>(t);
    e.order_id = std::numeric_limits<std::uint64_t>::max() - t;
    e.price = std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(t);
    e.qty = -std::numeric_limits<std::int64_t>::max() + static_cast<std::int64_t>(t);
    e.aux = std::numeric_limits<std::int64_t>::min();
    e.aux2 = static_cast<std::int64_t>(t) * 1'000'003;
    e.code = static_cast<std::uint8_t>(t % 3);
    e.side = t % 3 == 0 ? Side::kBuy : t % 3 == 1 ? Side::kSell : kNoSide;
    e.scope = static_cast<JournalScope>(t % static_cast<std::size_t>(JournalScope::kCount));
    e.symbol = t % 4 == 0 ? SymbolId{0} : t % 4 == 1 ? SymbolId{1} : t % 4 == 2 ? kNoSymbol : SymbolId{40};
    e.strategy = static_cast<std::uint8_t>(250 + t % 6);
    e.setText("text " + std::to_string(t) + " with a deliberately long tail that is cut at the capacity of the field");
    events.push_back(e);
  }
  // Codes past every table are written as numbers and still come back.
  JournalEvent odd_kill = JournalEvent::kill(9, static_cast<risk::KillReason>(200), JournalScope::kSymbol, 1, 0, "x");
  events.push_back(odd_kill);
  JournalEvent limit = JournalEvent::limitChange(10, 17, 5 * kScale, 4 * kScale, JournalScope::kShadow, "cli: k");
  events.push_back(limit);
  {
    Journal journal(path_, 1024, instruments_);
    for (const JournalEvent& e : events) ASSERT_TRUE(journal.record(e));
  }
  const JournalReadResult read = readJournal(path_);
  ASSERT_TRUE(read.ok()) << (read.errors.empty() ? "" : read.errors.front());
  ASSERT_EQ(read.records.size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const JournalEvent& e = events[i];
    const JournalRecord& r = read.records[i];
    SCOPED_TRACE(journalEventTypeName(e.type));
    EXPECT_EQ(r.seq, i + 1);
    EXPECT_EQ(r.line, i + 3);
    EXPECT_EQ(r.wall_ns, e.wall_ns);
    EXPECT_EQ(r.market_ns, e.market_ns);
    EXPECT_EQ(r.type, e.type);
    EXPECT_EQ(r.order_id, e.order_id);
    const std::string symbol = e.symbol == kNoSymbol               ? std::string("-")
                               : e.symbol < instruments_.size() ? std::string(instruments_[e.symbol].name())
                                                                 : "#" + std::to_string(e.symbol);
    EXPECT_EQ(r.symbol, symbol);
    EXPECT_EQ(r.side, e.side);
    EXPECT_EQ(r.scope, e.scope);
    EXPECT_EQ(r.price, e.price);
    EXPECT_EQ(r.qty, e.qty);
    EXPECT_EQ(r.code, e.code);
    const char* name = journalCodeName(e.type, e.code);
    EXPECT_EQ(r.code_name, name != nullptr ? std::string(name) : std::to_string(e.code));
    EXPECT_EQ(r.rule, journalCodeRule(e.type, e.code));
    EXPECT_EQ(r.strategy, e.strategy);
    EXPECT_EQ(r.aux, e.aux);
    EXPECT_EQ(r.aux2, e.aux2);
    EXPECT_EQ(r.text, std::string(e.textView()));
    EXPECT_EQ(r.text.size(), i < kJournalEventTypeCount ? JournalEvent::kTextCapacity - 1 : r.text.size());
  }
  EXPECT_EQ(read.records[kJournalEventTypeCount].code, 200u);
  EXPECT_EQ(read.records[kJournalEventTypeCount].code_name, "200");
}

TEST_F(JournalTest, malformedLinesAreCountedWithTheirLineNumbers) {
  std::string good;
  Journal::formatLine(good, 1, JournalEvent::session(1, "ok"), instruments_);
  std::string good2;
  Journal::formatLine(good2, 2, JournalEvent::session(2, "ok too"), instruments_);
  std::string text = std::string(Journal::kHeaderLine) + "\n" + std::string(Journal::kColumnLine) + "\n";
  text += good + "\n";                                                          // line 3
  text += "only\tthree\tcolumns\n";                                             // line 4
  text += "2\t1\t0\tNOT_A_TYPE\t0\t-\t-\t-\t0\t0\t0\t-\t0\t0\t0\t\n";          // line 5
  text += "2\t1\t0\tSESSION\t0\t-\t-\t-\t1e5\t0\t0\t-\t0\t0\t0\t\n";           // line 6: price
  text += "x\t1\t0\tSESSION\t0\t-\t-\t-\t0\t0\t0\t-\t0\t0\t0\t\n";             // line 7: seq
  text += "\n";                                                                 // line 8
  text += good2 + "\n";                                                         // line 9
  std::istringstream in(text);
  const JournalReadResult read = parseJournal(in, "j.tsv");
  EXPECT_EQ(read.lines, 9u);
  EXPECT_EQ(read.malformed, 5u);
  ASSERT_EQ(read.errors.size(), 5u);
  EXPECT_EQ(read.errors[0], "j.tsv:4: expected 16 tab-separated columns, found 3");
  EXPECT_EQ(read.errors[1], "j.tsv:5: bad type 'NOT_A_TYPE'");
  EXPECT_EQ(read.errors[2], "j.tsv:6: bad price '1e5'");
  EXPECT_EQ(read.errors[3], "j.tsv:7: bad seq 'x'");
  EXPECT_EQ(read.errors[4], "j.tsv:8: empty line");
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.records[0].line, 3u);
  EXPECT_EQ(read.records[1].line, 9u);

  std::istringstream headless("1\t2\n");
  const JournalReadResult foreign = parseJournal(headless, "f.tsv");
  EXPECT_EQ(foreign.malformed, 1u);
  EXPECT_EQ(foreign.errors.at(0).rfind("f.tsv:1: first line is not", 0), 0u);
}

TEST_F(JournalTest, recordAllocatesNothingAndAFullQueueIsCountedAndJournaled) {
  // The counter sees the queue's memory (JournalQueueTraits routes it through operator
  // new): attaching a thread allocates its producer, so the zero below means something.
  Journal journal(path_, 1024, instruments_, 2);
  const std::uint64_t before_attach = test::allocationCount();
  ASSERT_TRUE(journal.attachThread("test"));
  EXPECT_GT(test::allocationCount(), before_attach);

  const OrderIntent in = intent(1);
  std::uint64_t accepted = 0;
  std::uint64_t refused = 0;
  const std::uint64_t before = test::allocationCount();
  for (std::uint64_t i = 0; i < 20'000; ++i) {  // far past capacity: the full path too
    JournalEvent e = JournalEvent::verdict(JournalEvent::wallNowNs(), 0, in, risk::RejectCode::kAccepted);
    e.order_id = i + 1;
    journal.record(e) ? ++accepted : ++refused;
  }
  const std::uint64_t after = test::allocationCount();
  EXPECT_EQ(after - before, 0u) << "record() allocated";
  EXPECT_GT(refused, 0u);
  EXPECT_GE(accepted, 1024u);  // capacity is rounded up to whole blocks
  EXPECT_EQ(journal.recorded(), accepted + 1);
  EXPECT_EQ(journal.dropped(), refused);

  journal.stop();  // never started: drains on this thread
  EXPECT_EQ(journal.written(), accepted + 2);  // attach line, events, one DROP line
  const JournalReadResult read = readJournal(path_);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read.records.size(), accepted + 2);
  const JournalRecord& drop = read.records.back();
  EXPECT_EQ(drop.type, JournalEventType::kDrop);
  EXPECT_EQ(drop.aux, static_cast<std::int64_t>(refused));
  EXPECT_EQ(drop.aux2, static_cast<std::int64_t>(refused));
  EXPECT_EQ(drop.text, "journal queue full");
}

TEST_F(JournalTest, dropLinesReportOnlyTheNewLossesEachTime) {
  Journal journal(path_, 1, instruments_, 1);  // two blocks for the one producer: 512 events
  (void)journal.attachThread("t");
  std::uint64_t refused = 0;
  for (int i = 0; i < 1000; ++i) refused += journal.record(JournalEvent::session(i, "x")) ? 0u : 1u;
  journal.stop();
  const std::uint64_t first = refused;
  for (int i = 0; i < 1000; ++i) refused += journal.record(JournalEvent::session(i, "y")) ? 0u : 1u;
  journal.stop();
  const JournalReadResult read = readJournal(path_);
  std::vector<const JournalRecord*> drops;
  for (const JournalRecord& r : read.records) {
    if (r.type == JournalEventType::kDrop) drops.push_back(&r);
  }
  ASSERT_EQ(drops.size(), 2u);
  EXPECT_GT(first, 0u);
  EXPECT_GT(refused, first);
  EXPECT_EQ(drops[0]->aux, static_cast<std::int64_t>(first));
  EXPECT_EQ(drops[0]->aux2, static_cast<std::int64_t>(first));
  EXPECT_EQ(drops[1]->aux, static_cast<std::int64_t>(refused - first));
  EXPECT_EQ(drops[1]->aux2, static_cast<std::int64_t>(refused));
}

TEST_F(JournalTest, pathComesFromConfigOrTheWorkDir) {
  JournalConfig config;
  EXPECT_EQ(Journal::pathFor(config, "/var/bw"), "/var/bw/journal.tsv");
  EXPECT_EQ(Journal::pathFor(config, "/var/bw/"), "/var/bw/journal.tsv");
  EXPECT_EQ(Journal::pathFor(config, ""), "./journal.tsv");
  config.path = "/audit/j.tsv";
  EXPECT_EQ(Journal::pathFor(config, "/var/bw"), "/audit/j.tsv");
}

TEST_F(JournalTest, buildersFillTheFieldsTheReaderAndExportUse) {
  ExecEvent x;
  x.kind = ExecEvent::Kind::kPartialFill;
  x.id = 9;
  x.symbol = 1;
  x.side = Side::kSell;
  x.last_px = Price{300'000'000'000};
  x.last_qty = Qty{50'000};
  x.cum_qty = Qty{50'000};
  x.leaves_qty = Qty{150'000};
  const JournalEvent fill = JournalEvent::exec(11, x);
  EXPECT_EQ(fill.type, JournalEventType::kFill);
  EXPECT_STREQ(journalCodeName(fill.type, fill.code), "PARTIAL_FILL");
  EXPECT_EQ(fill.price, x.last_px.raw);
  EXPECT_EQ(fill.qty, x.last_qty.raw);
  EXPECT_EQ(fill.aux, x.cum_qty.raw);
  EXPECT_EQ(fill.aux2, x.leaves_qty.raw);

  x.kind = ExecEvent::Kind::kCancelRejected;
  EXPECT_EQ(JournalEvent::exec(12, x).type, JournalEventType::kVenueReject);

  OrderRequest req;
  req.action = OrderRequest::Action::kCancel;
  req.id = 77;
  req.orig_id = 9;
  const JournalEvent cancel = JournalEvent::cancelSent(13, req);
  EXPECT_EQ(cancel.order_id, 9u);  // keyed by the order it cancels
  EXPECT_EQ(cancel.aux, 77);

  constexpr JournalEvent compiled = JournalEvent::session(1, "constexpr builders");
  static_assert(compiled.textView() == "constexpr builders");
  EXPECT_EQ(JournalEvent{}.setText(std::string(100, 'a')).textView().size(), JournalEvent::kTextCapacity - 1);
}

TEST_F(JournalTest, badFixKeepsTheRawFieldsThatSayMostAndNamesTheKind) {
  fix::BadFixMessage m;
  m.code = fix::badFixCode(fix::ExecDecodeError::kOrdStatusOutOfRange);
  const std::string raw =
      "8=FIX.4.4|9=138|35=8|34=2|49=VENUESIM|52=20261123-22:09:24|56=BREAKWATER|37=V2|11=2|17=E2|150=0|39=Z|"
      "55=BTCUSDT|54=1|38=0.001|10=156|";
  for (std::size_t i = 0; i < raw.size(); ++i) m.text[i] = raw[i];
  m.length = static_cast<std::uint32_t>(raw.size());
  const JournalEvent e = JournalEvent::badFix(5, 6, m);
  EXPECT_EQ(e.type, JournalEventType::kBadFix);
  EXPECT_STREQ(journalEventTypeName(e.type), "BAD_FIX");
  EXPECT_STREQ(journalCodeName(e.type, e.code), "ORD_STATUS_OUT_OF_RANGE");
  EXPECT_EQ(e.aux, static_cast<std::int64_t>(raw.size()));
  EXPECT_EQ(e.textView(), "35=8|34=2|37=V2|11=2|17=E2|150=0|39=Z|55=BTCUSDT|54=1|38=0.001|");
  // A longer message is cut at the text column's bound.
  const std::string lots = "8=FIX.4.4|9=999|35=8|58=" + std::string(200, 'x') + "|10=000|";
  for (std::size_t i = 0; i < lots.size(); ++i) m.text[i] = lots[i];
  EXPECT_EQ(JournalEvent::badFix(5, 6, m).textView(), "35=8|58=" + std::string(JournalEvent::kTextCapacity - 9, 'x'));
  // The code reads back by name, session refusals and unreadable messages too.
  std::uint8_t code = 0;
  ASSERT_TRUE(parseJournalCode(JournalEventType::kBadFix, "SESSION_INVALID_MESSAGE", code));
  EXPECT_EQ(code, fix::badFixCode(fix::SessionRefusal::kInvalidMessage));
  ASSERT_TRUE(parseJournalCode(JournalEventType::kBadFix, "UNEXPECTED_MSG_TYPE", code));
  EXPECT_EQ(code, fix::badFixCode(fix::UnreadableReason::kUnexpectedMsgType));
}

}  // namespace
}  // namespace bw::pipeline
