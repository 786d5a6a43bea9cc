// module4/include/minitorch/words.h
//
// The text task of 4.5: which language a word is, from its letters. It
// stands in for the course's SST-2 sentiment task with GloVe embeddings,
// neither of which is available offline; the Debian word lists are:
//
//   english  /usr/share/dict/american-english   wamerican
//   french   /usr/share/dict/french             wfrench
//   german   /usr/share/dict/ngerman            wngerman
//   italian  /usr/share/dict/italian            witalian
//   spanish  /usr/share/dict/spanish            wspanish
//
// Each list is read (UTF-8), lowercased, and kept only if every letter is in
// kWordAlphabet and the word has 2 .. max_length letters; a word found in
// more than one language is dropped (it cannot be told apart). Then, with a
// seed, each language's words are shuffled and the first ones taken: the same
// number per language, training and validation disjoint.
//
// A word becomes a one-hot tensor (alphabet, max_length): channel = letter,
// position = time, zero after the word's end.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minitorch/classifier.h"

namespace minitorch {

inline constexpr std::string_view kWordListDir = "/usr/share/dict";

struct WordLanguage {
  std::string_view name;     // "english"
  std::string_view file;     // "american-english"
  std::string_view package;  // "wamerican"
};

inline constexpr std::array<WordLanguage, 5> kWordLanguages = {{{"english", "american-english", "wamerican"},
                                                                {"french", "french", "wfrench"},
                                                                {"german", "ngerman", "wngerman"},
                                                                {"italian", "italian", "witalian"},
                                                                {"spanish", "spanish", "wspanish"}}};

/// The letters a word may have (UTF-8): a-z, then the accented letters of
/// the five languages. A letter's channel is its position in this list.
std::vector<std::string> word_alphabet();
inline constexpr int kWordAlphabetSize = 26 + 23;

/// The letters of `word` (UTF-8, lowercased: A-Z and the accented capitals
/// of the alphabet) as channels, or an empty vector when a letter is outside
/// the alphabet.
std::vector<int> word_letters(std::string_view word);

/// Reads a word list, one word per line. DataError when the file cannot be
/// opened (naming `package` and the command that installs it).
std::vector<std::string> read_word_list(const std::string& path, std::string_view package);

struct WordSplit {
  ClassifierData train;
  ClassifierData valid;
  std::vector<int> words_per_language;  // usable words of each list (after filtering and dedupe)
};

struct WordOptions {
  int train_per_language = 400;
  int valid_per_language = 200;
  int max_length = 12;
  std::uint64_t seed = 0;
  std::string dir = std::string(kWordListDir);
};

/// Loads the five lists and samples the split (see the top of this file).
/// DataError when a list is missing or has fewer usable words than asked.
WordSplit load_word_split(const WordOptions& options);

/// The one-hot (alphabet, max_length) features of a word (for tests and the
/// program's examples). ValueError if it has letters outside the alphabet or
/// more than max_length letters.
std::vector<double> word_one_hot(std::string_view word, int max_length);

/// The letters of example i of a word dataset, back as UTF-8.
std::string word_of(const ClassifierData& data, int i);

}  // namespace minitorch
