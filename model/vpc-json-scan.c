/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-json-scan.c: one non-recursive pass over untrusted bytes that accepts
 * exactly RFC 8259 JSON within our limits and builds a compact tree of it in
 * a few large blocks (see vpc-json-scan.h). */
#include "vpc-json-scan.h"

#include <string.h>

#include "vpc-arena.h"
#include "vpc-file.h"
#include "vpc-i18n.h"
#include "vpc-json-write.h"

typedef enum {
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE, /* just after '[' */
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,   /* just after '{' */
  AFTER_VALUE,
} State;

typedef struct
{
  gboolean    is_object;
  guint       index; /* array: position of the current value */
  const char *key;   /* object: the current key, in the tree's blocks */
  VpcJson    *node;  /* the array or object being filled */
  VpcJson    *last;  /* its last entry so far */
} Frame;

/* Objects with more members than this check repeated keys in a hash table;
 * smaller ones (nearly all) compare with the members before. */
#define LINEAR_KEYS 16
#define BLOCK_SIZE  (256 * 1024)

struct _VpcJsonDoc
{
  VpcArena   blocks;
  VpcJson   *root;
};

typedef struct
{
  const char *data;
  gsize       length;
  gsize       start; /* after the BOM */
  gsize       pos;
  guint       depth;
  Frame       frames[VPC_FILE_MAX_DEPTH];
  /* Keys of open objects too large to search linearly; kept per depth. */
  GHashTable *keys[VPC_FILE_MAX_DEPTH];
  VpcJsonDoc *doc;
  guint64     n_values;
  gboolean    after_comma;
  GString    *key;
  GError    **error;
} Scanner;

/* Paths longer than this many steps show only their ends. */
#define PATH_HEAD 3
#define PATH_TAIL 4

static void
append_path_key (GString    *path,
                 const char *key,
                 gboolean    first)
{
  gboolean plain = *key != '\0' && strlen (key) <= 64;

  for (const char *p = key; plain && *p != '\0'; p++)
    plain = g_ascii_isalnum (*p) || *p == '_' || *p == '-';
  if (plain)
    {
      if (!first)
        g_string_append_c (path, '.');
      g_string_append (path, key);
      return;
    }
  g_string_append_c (path, '[');
  vpc_json_append_quoted_short (path, key, 32);
  g_string_append_c (path, ']');
}

static void
append_step (GString     *path,
             const Frame *frame,
             gboolean     first)
{
  if (!frame->is_object)
    g_string_append_printf (path, "[%u]", frame->index);
  else if (frame->key != NULL)
    append_path_key (path, frame->key, first);
}

static char *
current_path (Scanner *sc)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < sc->depth; i++)
    {
      if (sc->depth > PATH_HEAD + PATH_TAIL && i == PATH_HEAD)
        {
          g_string_append (path, "…");
          i = sc->depth - PATH_TAIL;
        }
      append_step (path, &sc->frames[i], path->len == 0);
    }
  return g_string_free (path, FALSE);
}

/* Line and column (in characters), both from 1, of byte @offset. */
static void
line_and_column (Scanner *sc,
                 gsize    offset,
                 guint   *line,
                 guint   *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = sc->start; i < offset && i < sc->length; i++)
    {
      guchar c = (guchar) sc->data[i];

      if (c == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((c & 0xc0) != 0x80)
        (*column)++;
    }
}

static gboolean fail_full (Scanner    *sc,
                           gsize       offset,
                           int         code,
                           gboolean    syntax,
                           const char *format,
                           ...) G_GNUC_PRINTF (5, 6);

/* Sets the error at byte @offset; a @syntax error says "invalid JSON". */
static gboolean
fail_full (Scanner    *sc,
           gsize       offset,
           int         code,
           gboolean    syntax,
           const char *format,
           ...)
{
  g_autofree char *what = NULL;
  g_autofree char *path = current_path (sc);
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (syntax)
    {
      /* TRANSLATORS: %s says what is wrong, as in "the string is not
       * closed". */
      char *invalid = g_strdup_printf (_("invalid JSON: %s"), what);

      g_free (what);
      what = invalid;
    }
  line_and_column (sc, offset, &line, &column);
  if (*path != '\0')
    /* TRANSLATORS: where in the JSON tree ("subnets[2].cidr"), what is
     * wrong, then where in the text. */
    g_set_error (sc->error, VPC_FILE_ERROR, code, _("%s: %s (line %u, column %u)"),
                 path, what, line, column);
  else
    /* TRANSLATORS: where in the text, then what is wrong. */
    g_set_error (sc->error, VPC_FILE_ERROR, code, _("line %u, column %u: %s"),
                 line, column, what);
  return FALSE;
}

#define fail_at(sc, offset, code, ...) fail_full ((sc), (offset), (code), FALSE, __VA_ARGS__)
#define fail_syntax(sc, offset, ...)                                                               \
  fail_full ((sc), (offset), VPC_FILE_ERROR_SYNTAX, TRUE, __VA_ARGS__)

static gboolean
at_end (Scanner *sc)
{
  return sc->pos >= sc->length;
}

static char
peek (Scanner *sc)
{
  return at_end (sc) ? '\0' : sc->data[sc->pos];
}

static void
skip_whitespace (Scanner *sc)
{
  while (!at_end (sc))
    {
      char c = sc->data[sc->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      sc->pos++;
    }
}

/* Tree blocks: values and strings are carved from large blocks, freed
 * together with the document. */
static inline gpointer
doc_alloc (VpcJsonDoc *doc,
           gsize       size)
{
  return vpc_arena_alloc (&doc->blocks, size);
}

static const char *
doc_strndup (VpcJsonDoc *doc,
             const char *text,
             gsize       length)
{
  char *copy = doc_alloc (doc, length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

/* A new value, added to the open array or object (as the member named by
 * the frame's key), or the root. */
static VpcJson *
add_value (Scanner    *sc,
           VpcJsonType type)
{
  VpcJson *value = doc_alloc (sc->doc, sizeof (VpcJson));

  *value = (VpcJson) { .type = type };
  if (sc->depth == 0)
    {
      sc->doc->root = value;
      return value;
    }
  else
    {
      Frame *parent = &sc->frames[sc->depth - 1];

      if (parent->is_object)
        value->key = parent->key;
      if (parent->last == NULL)
        parent->node->v.first = value;
      else
        parent->last->next = value;
      parent->last = value;
      parent->node->length++;
    }
  return value;
}

static gboolean
push (Scanner *sc,
      gboolean is_object)
{
  VpcJson *node;

  if (sc->depth >= VPC_FILE_MAX_DEPTH)
    return fail_at (sc, sc->pos, VPC_FILE_ERROR_TOO_LARGE,
                    _("nesting is deeper than %d levels"), VPC_FILE_MAX_DEPTH);
  node = add_value (sc, is_object ? VPC_JSON_OBJECT : VPC_JSON_ARRAY);
  sc->frames[sc->depth] = (Frame) { is_object, 0, NULL, node, NULL };
  if (is_object && sc->keys[sc->depth] != NULL)
    g_hash_table_remove_all (sc->keys[sc->depth]);
  sc->depth++;
  sc->pos++;
  return TRUE;
}

static void
pop (Scanner *sc)
{
  sc->depth--;
  sc->pos++;
}

static int
hex_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits of a \uXXXX escape whose 'u' is at @pos. */
static gboolean
read_hex4 (Scanner *sc,
           gsize    pos,
           gunichar *out)
{
  gunichar value = 0;

  if (sc->length - pos < 5)
    return FALSE;
  for (int i = 1; i <= 4; i++)
    {
      int digit = hex_value (sc->data[pos + i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }
  *out = value;
  return TRUE;
}

/* A \u escape with the backslash at sc->pos; leaves pos after it. */
static gboolean
scan_unicode_escape (Scanner *sc,
                     GString *out)
{
  gsize at = sc->pos;
  gunichar high, low;

  if (!read_hex4 (sc, at + 1, &high))
    return fail_syntax (sc, at, _("\\u must be followed by four hex digits"));
  sc->pos += 6;
  if (high == 0)
    return fail_at (sc, at, VPC_FILE_ERROR_ENCODING,
                    _("a string contains \\u0000 (NUL), which is not allowed"));
  if (high >= 0xdc00 && high <= 0xdfff)
    return fail_at (sc, at, VPC_FILE_ERROR_ENCODING,
                    _("a string contains a lone UTF-16 surrogate \\u%04x"), high);
  if (high >= 0xd800 && high <= 0xdbff)
    {
      if (sc->length - sc->pos < 2 || sc->data[sc->pos] != '\\' ||
          sc->data[sc->pos + 1] != 'u' || !read_hex4 (sc, sc->pos + 1, &low) ||
          low < 0xdc00 || low > 0xdfff)
        return fail_at (sc, at, VPC_FILE_ERROR_ENCODING,
                        _("a string contains a lone UTF-16 surrogate \\u%04x"), high);
      sc->pos += 6;
      high = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
    }
  if (out != NULL)
    g_string_append_unichar (out, high);
  return TRUE;
}

/* An escape with the backslash at sc->pos. */
static gboolean
scan_escape (Scanner *sc,
             GString *out)
{
  static const char from[] = "\"\\/bfnrt";
  static const char to[] = "\"\\/\b\f\n\r\t";
  char c = sc->pos + 1 < sc->length ? sc->data[sc->pos + 1] : '\0';
  const char *hit;

  if (c == 'u')
    return scan_unicode_escape (sc, out);
  hit = c != '\0' ? strchr (from, c) : NULL;
  if (hit == NULL)
    {
      if (g_ascii_isgraph (c))
        return fail_syntax (sc, sc->pos, _("unknown escape \\%c in a string"), c);
      return fail_syntax (sc, sc->pos, _("unknown escape in a string"));
    }
  if (out != NULL)
    g_string_append_c (out, to[hit - from]);
  sc->pos += 2;
  return TRUE;
}

/* A string whose opening quote is at sc->pos; decoded into @out if given. */
static gboolean
scan_string (Scanner *sc,
             GString *out)
{
  gsize open = sc->pos;
  gsize run;

  sc->pos++;
  run = sc->pos;
  while (!at_end (sc))
    {
      guchar c = (guchar) sc->data[sc->pos];

      if (c == '"' || c == '\\')
        {
          if (out != NULL)
            g_string_append_len (out, sc->data + run, (gssize) (sc->pos - run));
          if (c == '"')
            {
              sc->pos++;
              return TRUE;
            }
          if (!scan_escape (sc, out))
            return FALSE;
          run = sc->pos;
          continue;
        }
      if (c < 0x20)
        return fail_syntax (sc, sc->pos,
                            _("control character U+%04X in a string must be escaped"), c);
      sc->pos++;
    }
  return fail_syntax (sc, open, _("the string is not closed"));
}

/* A string value, decoded into the tree. */
static gboolean
scan_string_value (Scanner *sc)
{
  const char *text;
  gsize run = sc->pos + 1, end = run, length;
  VpcJson *value;

  /* Nearly every string has no escape: copied straight from the text. */
  while (end < sc->length && sc->data[end] != '"' && sc->data[end] != '\\' &&
         (guchar) sc->data[end] >= 0x20)
    end++;
  if (end < sc->length && sc->data[end] == '"')
    {
      length = end - run;
      text = doc_strndup (sc->doc, sc->data + run, length);
      sc->pos = end + 1;
    }
  else
    {
      g_string_truncate (sc->key, 0);
      if (!scan_string (sc, sc->key))
        return FALSE;
      length = sc->key->len;
      text = doc_strndup (sc->doc, sc->key->str, length);
    }
  value = add_value (sc, VPC_JSON_STRING);
  value->v.string = text;
  value->length = (guint) MIN (length, G_MAXUINT);
  return TRUE;
}

static void
skip_digits (Scanner *sc)
{
  while (g_ascii_isdigit (peek (sc)))
    sc->pos++;
}

/* Integers of 2^53 and beyond are not exact as doubles, and json-glib
 * wraps those beyond 2^63 silently. */
static gboolean
check_integer_range (Scanner *sc,
                     gsize    start,
                     gsize    digits_start)
{
  gsize n = sc->pos - digits_start;

  if (n < 16 || (n == 16 && memcmp (sc->data + digits_start, "9007199254740992", 16) < 0))
    return TRUE;
  if (sc->pos - start > 40)
    return fail_at (sc, start, VPC_FILE_ERROR_INVALID,
                    _("the number %.40s… is out of range"), sc->data + start);
  return fail_at (sc, start, VPC_FILE_ERROR_INVALID, _("the number %.*s is out of range"),
                  (int) (sc->pos - start), sc->data + start);
}

/* Clinger's fast path: digits with an optional fraction and no exponent,
 * at most 15 significant digits in all. The mantissa and the power of ten
 * are then exact doubles and one division rounds correctly, so the value
 * is strtod's, in a fraction of its time (a design has four numbers a
 * layout). FALSE for anything else. */
static gboolean
parse_simple_number (const char *text,
                     gsize       n,
                     double     *value)
{
  static const double powers[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                   1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
  gboolean negative = n > 0 && text[0] == '-';
  guint64 mantissa = 0;
  guint digits = 0, fraction = 0;
  gboolean point = FALSE;

  for (gsize i = negative; i < n; i++)
    {
      if (text[i] == '.' && !point)
        point = TRUE;
      else if (g_ascii_isdigit (text[i]) && ++digits <= 15)
        {
          mantissa = mantissa * 10 + (guint64) (text[i] - '0');
          fraction += point;
        }
      else
        return FALSE;
    }
  if (digits == 0 || digits > 15)
    return FALSE;
  *value = (double) mantissa / powers[fraction];
  if (negative)
    *value = -*value;
  return TRUE;
}

/* The number that ends at sc->pos, already checked. */
static gboolean
store_number (Scanner *sc,
              gsize    start)
{
  char small[64];
  gsize n = sc->pos - start;
  g_autofree char *large = NULL;
  char *text = small;
  double value;

  if (parse_simple_number (sc->data + start, n, &value))
    {
      add_value (sc, VPC_JSON_NUMBER)->v.number = value;
      return TRUE;
    }
  if (n >= sizeof small)
    text = large = g_malloc (n + 1);
  memcpy (text, sc->data + start, n);
  text[n] = '\0';
  add_value (sc, VPC_JSON_NUMBER)->v.number = g_ascii_strtod (text, NULL);
  return TRUE;
}

static gboolean
scan_number (Scanner *sc)
{
  gsize start = sc->pos;
  gsize digits_start;
  gboolean is_integer = TRUE;

  if (peek (sc) == '-')
    sc->pos++;
  digits_start = sc->pos;
  if (!g_ascii_isdigit (peek (sc)))
    return fail_syntax (sc, start, _("expected a digit after '-'"));
  if (peek (sc) == '0')
    {
      sc->pos++;
      if (peek (sc) == 'x' || peek (sc) == 'X')
        return fail_syntax (sc, start, _("hexadecimal numbers are not allowed"));
      if (g_ascii_isdigit (peek (sc)))
        return fail_syntax (sc, start, _("numbers must not have leading zeros"));
    }
  else
    skip_digits (sc);
  if (peek (sc) == '.')
    {
      sc->pos++;
      is_integer = FALSE;
      if (!g_ascii_isdigit (peek (sc)))
        return fail_syntax (sc, sc->pos, _("expected a digit after the decimal point"));
      skip_digits (sc);
    }
  if (peek (sc) == 'e' || peek (sc) == 'E')
    {
      sc->pos++;
      is_integer = FALSE;
      if (peek (sc) == '+' || peek (sc) == '-')
        sc->pos++;
      if (!g_ascii_isdigit (peek (sc)))
        return fail_syntax (sc, sc->pos, _("expected a digit in the exponent"));
      skip_digits (sc);
    }
  if (is_integer && !check_integer_range (sc, start, digits_start))
    return FALSE;
  return store_number (sc, start);
}

static gboolean
scan_word (Scanner *sc)
{
  static const char *const words[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if (sc->length - sc->pos >= n && memcmp (sc->data + sc->pos, words[i], n) == 0)
        {
          VpcJson *value = add_value (sc, i == 2 ? VPC_JSON_NULL : VPC_JSON_BOOLEAN);

          value->v.boolean = i == 0;
          sc->pos += n;
          return TRUE;
        }
    }
  return fail_syntax (sc, sc->pos,
                      _("expected a value (NaN, Infinity and bare words are not JSON)"));
}

/* Explains a character that cannot start a value or a key. */
static gboolean
fail_unexpected (Scanner    *sc,
                 const char *expected)
{
  char c = peek (sc);

  if ((c == ']' || c == '}') && sc->after_comma)
    return fail_syntax (sc, sc->pos, _("a comma before '%c' is not allowed"), c);
  if (c == '\'')
    return fail_syntax (sc, sc->pos, _("strings must be in double quotes"));
  if (c == '/')
    return fail_syntax (sc, sc->pos, _("comments are not allowed"));
  if (c == '+' || c == '.')
    return fail_syntax (sc, sc->pos, _("numbers must start with a digit or '-'"));
  /* TRANSLATORS: %s is what should come, as in "a value". */
  return fail_syntax (sc, sc->pos, _("expected %s"), expected);
}

static gboolean
scan_value (Scanner *sc,
            State   *state)
{
  char c = peek (sc);

  if (++sc->n_values > VPC_JSON_SCAN_MAX_VALUES)
    return fail_at (sc, sc->pos, VPC_FILE_ERROR_TOO_LARGE,
                    _("the file holds more than %d JSON values"), VPC_JSON_SCAN_MAX_VALUES);
  *state = AFTER_VALUE;
  switch (c)
    {
    case '{':
      *state = EXPECT_KEY_OR_CLOSE;
      return push (sc, TRUE);
    case '[':
      *state = EXPECT_VALUE_OR_CLOSE;
      return push (sc, FALSE);
    case '"':
      return scan_string_value (sc);
    case 't':
    case 'f':
    case 'n':
    case 'N':
    case 'I':
      return scan_word (sc);
    default:
      if (c == '-' || g_ascii_isdigit (c))
        return scan_number (sc);
      return fail_unexpected (sc, _("a value"));
    }
}

/* The earlier member key equal to sc->key, or NULL. Keys may hold
 * escaped NULs nowhere (the scan refuses \u0000), so strcmp is exact. */
static const char *
find_key (Scanner *sc,
          Frame   *frame)
{
  GHashTable **keys = &sc->keys[sc->depth - 1];

  if (frame->node->length < LINEAR_KEYS)
    {
      for (const VpcJson *m = frame->node->v.first; m != NULL; m = m->next)
        if (m->key[0] == sc->key->str[0] && strcmp (m->key, sc->key->str) == 0)
          return m->key;
      return NULL;
    }
  if (frame->node->length == LINEAR_KEYS)
    {
      /* From now on in a table, with the members so far. */
      if (*keys == NULL)
        *keys = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_remove_all (*keys);
      for (const VpcJson *m = frame->node->v.first; m != NULL; m = m->next)
        g_hash_table_add (*keys, (gpointer) m->key);
    }
  return g_hash_table_lookup (*keys, sc->key->str);
}

/* A key without escapes (every key of a design) into sc->key in one copy;
 * FALSE, with nothing consumed, for any other. */
static gboolean
scan_plain_key (Scanner *sc)
{
  gsize run = sc->pos + 1, end = run;

  while (end < sc->length && sc->data[end] != '"' && sc->data[end] != '\\' &&
         (guchar) sc->data[end] >= 0x20)
    end++;
  if (end >= sc->length || sc->data[end] != '"')
    return FALSE;
  g_string_set_size (sc->key, end - run);
  memcpy (sc->key->str, sc->data + run, end - run);
  sc->pos = end + 1;
  return TRUE;
}

static gboolean
scan_key (Scanner *sc)
{
  Frame *frame = &sc->frames[sc->depth - 1];
  gsize at = sc->pos;
  const char *key;

  if (peek (sc) != '"')
    return fail_unexpected (sc, _("a key in double quotes"));
  if (!scan_plain_key (sc))
    {
      g_string_truncate (sc->key, 0);
      if (!scan_string (sc, sc->key))
        return FALSE;
    }
  key = find_key (sc, frame);
  if (key != NULL)
    {
      frame->key = key;
      return fail_at (sc, at, VPC_FILE_ERROR_SYNTAX, _("the key is given twice in one object"));
    }
  key = doc_strndup (sc->doc, sc->key->str, sc->key->len);
  frame->key = key;
  if (frame->node->length >= LINEAR_KEYS)
    g_hash_table_add (sc->keys[sc->depth - 1], (gpointer) key);
  skip_whitespace (sc);
  if (peek (sc) != ':')
    return fail_syntax (sc, sc->pos, _("expected ':' after the key"));
  sc->pos++;
  return TRUE;
}

static gboolean
scan_after_value (Scanner *sc,
                  State   *state)
{
  Frame *frame = &sc->frames[sc->depth - 1];
  char close = frame->is_object ? '}' : ']';
  char c = peek (sc);

  if (c == ',')
    {
      sc->pos++;
      sc->after_comma = TRUE;
      if (frame->is_object)
        {
          frame->key = NULL; /* errors now concern the object, not the last member */
          *state = EXPECT_KEY;
        }
      else
        {
          frame->index++;
          *state = EXPECT_VALUE;
        }
      return TRUE;
    }
  if (c == close)
    {
      pop (sc);
      return TRUE;
    }
  return fail_syntax (sc, sc->pos, _("expected ',' or '%c'"), close);
}

static gboolean
fail_at_end (Scanner *sc)
{
  if (sc->n_values == 0)
    return fail_at (sc, sc->pos, VPC_FILE_ERROR_SYNTAX, _("the file is empty"));
  return fail_syntax (sc, sc->pos, _("the file ends too early"));
}

static gboolean
scan_document (Scanner *sc)
{
  State state = EXPECT_VALUE;

  for (;;)
    {
      skip_whitespace (sc);
      if (at_end (sc))
        return (state == AFTER_VALUE && sc->depth == 0) || fail_at_end (sc);
      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
          if (peek (sc) == ']')
            {
              pop (sc);
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (!scan_value (sc, &state))
            return FALSE;
          sc->after_comma = FALSE;
          break;
        case EXPECT_KEY_OR_CLOSE:
          if (peek (sc) == '}')
            {
              pop (sc);
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          if (!scan_key (sc))
            return FALSE;
          sc->after_comma = FALSE;
          state = EXPECT_VALUE;
          break;
        case AFTER_VALUE:
        default:
          if (sc->depth == 0)
            return fail_syntax (sc, sc->pos, _("unexpected text after the end of the document"));
          if (!scan_after_value (sc, &state))
            return FALSE;
          break;
        }
    }
}

/* The length of the ASCII prefix of @data, 8 bytes at a time: designs are
 * mostly ASCII, and g_utf8_validate_len() takes ~9 instructions a byte. */
static gsize
ascii_prefix (const char *data,
              gsize       length)
{
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        break;
    }
  while (i < length && (guchar) data[i] < 0x80)
    i++;
  return i;
}

static gboolean
check_encoding (Scanner *sc)
{
  const char *nul = memchr (sc->data + sc->start, '\0', sc->length - sc->start);
  const char *end = NULL;
  gsize ascii;

  if (nul != NULL)
    return fail_at (sc, (gsize) (nul - sc->data), VPC_FILE_ERROR_ENCODING,
                    _("the file contains a NUL byte"));
  /* Validating from the first non-ASCII byte reports the same offset. */
  ascii = sc->start + ascii_prefix (sc->data + sc->start, sc->length - sc->start);
  if (!g_utf8_validate_len (sc->data + ascii, sc->length - ascii, &end))
    return fail_at (sc, (gsize) (end - sc->data), VPC_FILE_ERROR_ENCODING,
                    _("the file is not valid UTF-8"));
  return TRUE;
}

/* Bytes of a UTF-8 byte-order mark at the start of @data: 0 or 3. */
static gsize
bom_length (const char *data,
            gsize       length)
{
  return length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

void
vpc_json_doc_free (VpcJsonDoc *doc)
{
  if (doc == NULL)
    return;
  vpc_arena_clear (&doc->blocks);
  g_free (doc);
}

const VpcJson *
vpc_json_doc_get_root (VpcJsonDoc *doc)
{
  return doc->root;
}

VpcJsonDoc *
vpc_json_parse (const char *data,
                gsize       length,
                GError    **error)
{
  Scanner sc = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > VPC_FILE_MAX_BYTES)
    {
      g_autofree char *bytes = g_strdup_printf ("%" G_GSIZE_FORMAT, length);

      g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE,
                   /* TRANSLATORS: %s is a number of bytes. */
                   ngettext ("the file is larger than 64 MiB (%s byte)",
                             "the file is larger than 64 MiB (%s bytes)", (gulong) length),
                   bytes);
      return NULL;
    }
  sc.data = data != NULL ? data : "";
  sc.length = length;
  sc.error = error;
  sc.start = bom_length (sc.data, length);
  sc.pos = sc.start;
  sc.key = g_string_new (NULL);
  sc.doc = g_new0 (VpcJsonDoc, 1);
  vpc_arena_init (&sc.doc->blocks, BLOCK_SIZE);

  ok = check_encoding (&sc) && scan_document (&sc);

  for (guint i = 0; i < VPC_FILE_MAX_DEPTH; i++)
    g_clear_pointer (&sc.keys[i], g_hash_table_unref);
  g_string_free (sc.key, TRUE);
  if (!ok)
    g_clear_pointer (&sc.doc, vpc_json_doc_free);
  return sc.doc;
}

gboolean
vpc_json_scan (const char *data,
               gsize       length,
               gsize      *start,
               GError    **error)
{
  VpcJsonDoc *doc = vpc_json_parse (data, length, error);

  if (doc == NULL)
    return FALSE;
  vpc_json_doc_free (doc);
  if (start != NULL)
    *start = bom_length (data, length);
  return TRUE;
}

const VpcJson *
vpc_json_get_member (const VpcJson *object,
                     const char    *key)
{
  g_return_val_if_fail (object != NULL && object->type == VPC_JSON_OBJECT, NULL);

  for (const VpcJson *m = object->v.first; m != NULL; m = m->next)
    if (m->key[0] == key[0] && strcmp (m->key, key) == 0)
      return m;
  return NULL;
}

JsonNode *
vpc_json_to_node (const VpcJson *value)
{
  JsonNode *node;

  switch (value->type)
    {
    case VPC_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();

        for (const VpcJson *m = value->v.first; m != NULL; m = m->next)
          json_object_set_member (object, m->key, vpc_json_to_node (m));
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }
    case VPC_JSON_ARRAY:
      {
        JsonArray *array = json_array_sized_new (value->length);

        for (const VpcJson *m = value->v.first; m != NULL; m = m->next)
          json_array_add_element (array, vpc_json_to_node (m));
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case VPC_JSON_STRING:
      return json_node_init_string (json_node_alloc (), value->v.string);
    case VPC_JSON_NUMBER:
      return json_node_init_double (json_node_alloc (), value->v.number);
    case VPC_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), value->v.boolean);
    case VPC_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}
