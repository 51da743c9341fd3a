#include "customers/rule_expression.h"

#include <fmt/core.h>

#include <cctype>
#include <cstdlib>
#include <optional>

#include "base/strings.h"

namespace flywheel {

struct RuleExpression::Node {
  enum Kind { kAnd, kOr, kNot, kCompare, kIn } kind = kCompare;
  std::shared_ptr<const Node> left, right;            // kAnd, kOr; kNot uses left
  std::string name;                                   // kCompare, kIn
  enum Op { kEq, kNe, kLt, kLe, kGt, kGe } op = kEq;  // kCompare
  RuleValue value;                                    // kCompare
  std::vector<RuleValue> list;                        // kIn
};

namespace {

using Node = RuleExpression::Node;
using Lists = std::map<std::string, std::vector<std::string>>;

struct Token {
  enum Kind { kName, kNumber, kText, kSymbol, kEnd } kind = kEnd;
  std::string text;
  double number = 0;
  int column = 0;  // 1-based
};

class Parser {
 public:
  Parser(const std::string& text, const Lists& lists) : text_(text), lists_(lists) {}

  Result<std::shared_ptr<const Node>> Run() {
    FLYWHEEL_RETURN_IF_ERROR(Tokenize());
    pos_ = 0;
    if (tokens_.size() == 1) return Error(tokens_[0], "expected a rule, got nothing");
    auto root = ParseOr();
    if (!ok_) return Status::BadData(error_);
    if (Peek().kind != Token::kEnd)
      return Status::BadData(Message(Peek(), fmt::format("unexpected '{}'", Peek().text)));
    return root;
  }

 private:
  static std::string Message(const Token& t, const std::string& what) {
    return fmt::format("column {}: {}", t.column, what);
  }
  Status Error(const Token& t, const std::string& what) { return Status::BadData(Message(t, what)); }
  std::shared_ptr<const Node> Fail(const Token& t, const std::string& what) {
    if (ok_) {
      ok_ = false;
      error_ = Message(t, what);
    }
    return nullptr;
  }

  Status Tokenize() {
    size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      int column = static_cast<int>(i) + 1;
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t j = i;
        while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_'))
          ++j;
        tokens_.push_back({Token::kName, text_.substr(i, j - i), 0, column});
        i = j;
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '-' && i + 1 < text_.size() &&
                  std::isdigit(static_cast<unsigned char>(text_[i + 1])))) {
        char* end = nullptr;
        double v = std::strtod(text_.c_str() + i, &end);
        size_t j = static_cast<size_t>(end - text_.c_str());
        tokens_.push_back({Token::kNumber, text_.substr(i, j - i), v, column});
        i = j;
      } else if (c == '"') {
        size_t j = text_.find('"', i + 1);
        if (j == std::string::npos)
          return Status::BadData(fmt::format("column {}: text without closing '\"'", column));
        tokens_.push_back({Token::kText, text_.substr(i + 1, j - i - 1), 0, column});
        i = j + 1;
      } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
        tokens_.push_back({Token::kSymbol, std::string(1, c), 0, column});
        ++i;
      } else if (c == '<' || c == '>' || c == '=' || c == '!') {
        bool two = i + 1 < text_.size() && text_[i + 1] == '=';
        std::string op = text_.substr(i, two ? 2 : 1);
        if (op == "=" || op == "!") {
          return Status::BadData(fmt::format("column {}: unknown operator '{}' (use == or !=)", column, op));
        }
        tokens_.push_back({Token::kSymbol, op, 0, column});
        i += op.size();
      } else {
        return Status::BadData(fmt::format("column {}: unexpected character '{}'", column, c));
      }
    }
    tokens_.push_back({Token::kEnd, "", 0, static_cast<int>(text_.size()) + 1});
    return Status::Ok();
  }

  const Token& Peek() const { return tokens_[pos_]; }
  bool IsKeyword(const Token& t, const char* word) const { return t.kind == Token::kName && t.text == word; }
  bool IsSymbol(const Token& t, const char* s) const { return t.kind == Token::kSymbol && t.text == s; }

  std::shared_ptr<const Node> ParseOr() {
    auto left = ParseAnd();
    while (ok_ && IsKeyword(Peek(), "or")) {
      ++pos_;
      auto right = ParseAnd();
      if (!ok_) return nullptr;
      auto n = std::make_shared<Node>();
      n->kind = Node::kOr;
      n->left = left;
      n->right = right;
      left = n;
    }
    return left;
  }

  std::shared_ptr<const Node> ParseAnd() {
    auto left = ParseUnary();
    while (ok_ && IsKeyword(Peek(), "and")) {
      ++pos_;
      auto right = ParseUnary();
      if (!ok_) return nullptr;
      auto n = std::make_shared<Node>();
      n->kind = Node::kAnd;
      n->left = left;
      n->right = right;
      left = n;
    }
    return left;
  }

  std::shared_ptr<const Node> ParseUnary() {
    const Token& t = Peek();
    if (IsKeyword(t, "not")) {
      ++pos_;
      auto inner = ParseUnary();
      if (!ok_) return nullptr;
      auto n = std::make_shared<Node>();
      n->kind = Node::kNot;
      n->left = inner;
      return n;
    }
    if (IsSymbol(t, "(")) {
      ++pos_;
      auto inner = ParseOr();
      if (!ok_) return nullptr;
      if (!IsSymbol(Peek(), ")")) return Fail(Peek(), "expected ')'");
      ++pos_;
      return inner;
    }
    return ParseTest();
  }

  bool ParseValue(const std::string& after, RuleValue* out) {
    const Token& t = Peek();
    if (t.kind == Token::kNumber) {
      *out = t.number;
    } else if (t.kind == Token::kText) {
      *out = t.text;
    } else {
      Fail(t, fmt::format("expected a value after '{}'", after));
      return false;
    }
    ++pos_;
    return true;
  }

  std::shared_ptr<const Node> ParseTest() {
    const Token& name = Peek();
    if (name.kind != Token::kName || name.text == "and" || name.text == "or" || name.text == "in") {
      return Fail(name, name.kind == Token::kEnd ? "expected a name, got the end of the rule"
                                                 : fmt::format("expected a name, got '{}'", name.text));
    }
    ++pos_;
    auto n = std::make_shared<Node>();
    n->name = name.text;
    const Token& op = Peek();
    if (IsKeyword(op, "in")) {
      ++pos_;
      n->kind = Node::kIn;
      const Token& t = Peek();
      if (t.kind == Token::kName) {
        auto it = lists_.find(t.text);
        if (it == lists_.end()) {
          std::vector<std::string> names;
          for (const auto& [k, v] : lists_) names.push_back(k);
          return Fail(t, fmt::format("unknown list '{}'{}", t.text, DidYouMeanSuffix(t.text, names)));
        }
        for (const auto& v : it->second) n->list.emplace_back(v);
        ++pos_;
        return n;
      }
      if (!IsSymbol(t, "[")) return Fail(t, "expected a list [..] or a list name after 'in'");
      ++pos_;
      while (true) {
        RuleValue v;
        if (!ParseValue(n->list.empty() ? "[" : ",", &v)) return nullptr;
        n->list.push_back(std::move(v));
        if (IsSymbol(Peek(), ",")) {
          ++pos_;
          continue;
        }
        if (IsSymbol(Peek(), "]")) {
          ++pos_;
          return n;
        }
        return Fail(Peek(), "expected ',' or ']' in the list");
      }
    }
    static const char* kOps[] = {"==", "!=", "<", "<=", ">", ">="};
    bool is_op = false;
    for (const char* o : kOps) is_op = is_op || IsSymbol(op, o);
    if (!is_op) {
      return Fail(op,
                  fmt::format("expected a comparison (==, !=, <, <=, >, >=) or 'in' after '{}'", name.text));
    }
    n->kind = Node::kCompare;
    n->op = op.text == "=="   ? Node::kEq
            : op.text == "!=" ? Node::kNe
            : op.text == "<"  ? Node::kLt
            : op.text == "<=" ? Node::kLe
            : op.text == ">"  ? Node::kGt
                              : Node::kGe;
    ++pos_;
    if (!ParseValue(op.text, &n->value)) return nullptr;
    if (n->op != Node::kEq && n->op != Node::kNe && !std::holds_alternative<double>(n->value)) {
      return Fail(tokens_[pos_ - 1], fmt::format("'{}' needs a number", op.text));
    }
    return n;
  }

  const std::string& text_;
  const Lists& lists_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  bool ok_ = true;
  std::string error_;
};

// The text of a value, owned or viewed; none when it is not a text.
std::optional<std::string_view> TextOf(const RuleValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return std::string_view(*s);
  if (const auto* s = std::get_if<std::string_view>(&v)) return *s;
  return std::nullopt;
}

bool Equal(const RuleValue& a, const RuleValue& b) {
  if (std::holds_alternative<double>(a) && std::holds_alternative<double>(b)) {
    return std::get<double>(a) == std::get<double>(b);
  }
  const auto ta = TextOf(a), tb = TextOf(b);
  return ta && tb && EqualsIgnoreCase(*ta, *tb);
}

bool Evaluate(const Node& n, const RuleSubject& subject) {
  switch (n.kind) {
    case Node::kAnd:
      return Evaluate(*n.left, subject) && Evaluate(*n.right, subject);
    case Node::kOr:
      return Evaluate(*n.left, subject) || Evaluate(*n.right, subject);
    case Node::kNot:
      return !Evaluate(*n.left, subject);
    case Node::kIn: {
      RuleValue v = subject(n.name);
      if (std::holds_alternative<std::monostate>(v)) return false;
      for (const auto& item : n.list) {
        if (Equal(v, item)) return true;
      }
      return false;
    }
    case Node::kCompare: {
      RuleValue v = subject(n.name);
      if (std::holds_alternative<std::monostate>(v)) return false;
      if (n.op == Node::kEq) return Equal(v, n.value);
      if (n.op == Node::kNe) return !Equal(v, n.value);
      if (!std::holds_alternative<double>(v)) return false;
      const double x = std::get<double>(v), y = std::get<double>(n.value);
      switch (n.op) {
        case Node::kLt:
          return x < y;
        case Node::kLe:
          return x <= y;
        case Node::kGt:
          return x > y;
        default:
          return x >= y;
      }
    }
  }
  return false;
}

}  // namespace

Result<RuleExpression> RuleExpression::Parse(const std::string& text, const Lists& lists) {
  Parser parser(text, lists);
  auto root = parser.Run();
  if (!root.ok()) return root.status();
  RuleExpression e;
  e.text_ = text;
  e.root_ = *root;
  return e;
}

std::vector<std::string> RuleExpression::Names() const {
  std::vector<std::string> names;
  std::vector<const Node*> stack;  // depth first, left before right
  if (root_) stack.push_back(root_.get());
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n->kind == Node::kCompare || n->kind == Node::kIn) {
      names.push_back(n->name);
      continue;
    }
    if (n->right) stack.push_back(n->right.get());
    if (n->left) stack.push_back(n->left.get());
  }
  return names;
}

std::optional<std::vector<std::string_view>> RuleExpression::RequiredTexts(std::string_view name) const {
  std::vector<const Node*> conjuncts;  // the top `and` chain, left to right
  if (root_) conjuncts.push_back(root_.get());
  for (size_t i = 0; i < conjuncts.size();) {
    const Node* n = conjuncts[i];
    if (n->kind != Node::kAnd) {
      ++i;
      continue;
    }
    conjuncts[i] = n->left.get();
    conjuncts.insert(conjuncts.begin() + static_cast<std::ptrdiff_t>(i) + 1, n->right.get());
  }
  for (const Node* n : conjuncts) {
    if (n->name != name) continue;
    std::vector<std::string_view> texts;
    if (n->kind == Node::kCompare && n->op == Node::kEq) {
      if (auto t = TextOf(n->value)) texts.push_back(*t);
      return texts;
    }
    if (n->kind == Node::kIn) {
      for (const RuleValue& item : n->list) {
        if (auto t = TextOf(item)) texts.push_back(*t);
      }
      return texts;
    }
  }
  return std::nullopt;
}

bool RuleExpression::Matches(const RuleSubject& subject) const { return Evaluate(*root_, subject); }

}  // namespace flywheel
