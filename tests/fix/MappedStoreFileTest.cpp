// The persistent FIX message store's file (fix/MappedStoreFile.h): what it keeps, what
// survives a reopen (a process restart), the ring's reach, and the files it refuses.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "TestTempDir.h"
#include "fix/MappedStoreFile.h"

namespace bw::fix {
namespace {

constexpr const char* kSession = "FIX.4.4:BREAKWATER->VENUESIM";

class MappedStoreFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::testTempDir("mapped-store");
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "s.store").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string message(int seq) { return "8=FIX.4.4\x01" "34=" + std::to_string(seq) + "\x01" "35=D\x01"; }

  /// The error text of opening path_ (empty when it opened).
  std::string openError(const std::string& session = kSession) {
    try {
      MappedStoreFile f(path_, session);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return {};
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(MappedStoreFileTest, newFileStartsAtOneAndGivesBackWhatWasAppended) {
  MappedStoreFile f(path_, kSession, 16, 64);
  EXPECT_EQ(f.nextSenderSeqNum(), 1);
  EXPECT_EQ(f.nextTargetSeqNum(), 1);
  EXPECT_GT(f.creationTimeS(), 1'700'000'000);
  for (int seq = 1; seq <= 5; ++seq) ASSERT_TRUE(f.append(seq, message(seq).data(), message(seq).size()));
  std::vector<std::string> out;
  f.get(2, 4, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0], message(2));
  EXPECT_EQ(out[2], message(4));
  out.clear();
  f.get(4, 100, out);  // past the last one: only what is there
  EXPECT_EQ(out.size(), 2u);
}

TEST_F(MappedStoreFileTest, reopenKeepsSequenceNumbersMessagesAndCreationTime) {
  std::int64_t created = 0;
  {
    MappedStoreFile f(path_, kSession);
    ASSERT_TRUE(f.append(7, message(7).data(), message(7).size()));
    f.setNextSenderSeqNum(8);
    f.setNextTargetSeqNum(42);
    created = f.creationTimeS();
  }  // the process ends here as far as the file knows: no sync, no close ritual
  MappedStoreFile again(path_, kSession);
  EXPECT_EQ(again.nextSenderSeqNum(), 8);
  EXPECT_EQ(again.nextTargetSeqNum(), 42);
  EXPECT_EQ(again.creationTimeS(), created);
  std::vector<std::string> out;
  again.get(1, 7, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], message(7));
}

TEST_F(MappedStoreFileTest, ringKeepsOnlyTheLastSlotCountMessages) {
  MappedStoreFile f(path_, kSession, 8, 64);
  for (int seq = 1; seq <= 20; ++seq) ASSERT_TRUE(f.append(seq, message(seq).data(), message(seq).size()));
  std::vector<std::string> out;
  f.get(1, 20, out);
  ASSERT_EQ(out.size(), 8u);  // 13..20: older ones were overwritten (QuickFIX gap-fills them)
  EXPECT_EQ(out.front(), message(13));
  EXPECT_EQ(out.back(), message(20));
  out.clear();
  f.get(5, 5, out);  // its slot now holds 13: not handed back as 5
  EXPECT_TRUE(out.empty());
}

TEST_F(MappedStoreFileTest, refusesMessagesThatDoNotFitASlotAndBadSequenceNumbers) {
  MappedStoreFile f(path_, kSession, 8, 64);
  const std::string big(f.slotPayloadBytes() + 1, 'x');
  EXPECT_FALSE(f.append(1, big.data(), big.size()));
  EXPECT_TRUE(f.append(1, big.data(), big.size() - 1));
  EXPECT_FALSE(f.append(0, "x", 1));
}

TEST_F(MappedStoreFileTest, resetStartsOverAndEmptiesTheRing) {
  MappedStoreFile f(path_, kSession, 8, 64);
  ASSERT_TRUE(f.append(3, "abc", 3));
  f.setNextSenderSeqNum(4);
  f.reset();
  EXPECT_EQ(f.nextSenderSeqNum(), 1);
  std::vector<std::string> out;
  f.get(1, 10, out);
  EXPECT_TRUE(out.empty());
}

TEST_F(MappedStoreFileTest, refusesAForeignFileNamingIt) {
  { std::ofstream(path_) << "this is not a message store, but it is long enough to have a header? no.\n"; }
  const std::string err = openError();
  EXPECT_NE(err.find(path_), std::string::npos) << err;
  EXPECT_NE(err.find("corrupt"), std::string::npos) << err;
  // Long enough for a header, wrong magic.
  { std::ofstream(path_) << std::string(8192, 'z'); }
  const std::string magic = openError();
  EXPECT_NE(magic.find("bad magic"), std::string::npos) << magic;
  EXPECT_EQ(std::filesystem::file_size(path_), 8192u);  // left as it was
}

TEST_F(MappedStoreFileTest, refusesACorruptHeaderOrAnotherSessionsFile) {
  { MappedStoreFile f(path_, kSession, 8, 64); }
  EXPECT_NE(openError("FIX.4.4:OTHER->VENUESIM").find("belongs to session"), std::string::npos);
  // A sequence number of 0 in the header (bytes 32..35: next sender).
  {
    std::fstream io(path_, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(32);
    const char zero[4] = {0, 0, 0, 0};
    io.write(zero, 4);
  }
  const std::string err = openError();
  EXPECT_NE(err.find(path_), std::string::npos) << err;
  EXPECT_NE(err.find("corrupt: sequence numbers"), std::string::npos) << err;
}

TEST_F(MappedStoreFileTest, refusesATruncatedFile) {
  { MappedStoreFile f(path_, kSession, 8, 64); }
  std::filesystem::resize_file(path_, MappedStoreFile::kHeaderBytes + 64);
  EXPECT_NE(openError().find("corrupt"), std::string::npos);
}

TEST_F(MappedStoreFileTest, refusesASecondOpenOfTheSameFile) {
  MappedStoreFile first(path_, kSession);
  EXPECT_NE(openError().find("in use"), std::string::npos);
}

TEST_F(MappedStoreFileTest, pathNamesTheSessionInFileSafeCharacters) {
  EXPECT_EQ(MappedStoreFile::pathIn("/tmp/x", "FIX.4.4", "BREAK WATER", "VENUE/SIM"),
            "/tmp/x/FIX.4.4-BREAK_WATER-VENUE_SIM.store");
}

}  // namespace
}  // namespace bw::fix
