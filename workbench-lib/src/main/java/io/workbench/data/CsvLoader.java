package io.workbench.data;

import com.univocity.parsers.common.TextParsingException;
import io.workbench.io.InputFiles;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.Source;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Loads a CSV file into a {@link Dataset}: header detection, Tablesaw type inference over every row,
 * target and features chosen by name, and strict checks that fail at once naming the file, line and
 * column (missing file, empty file, a file that is not UTF-8, ragged rows, more than 100,000 columns, text in
 * a numeric feature, NaN, infinite or overflowing values, numbers in Java-only syntax such as {@code 7d} or
 * {@code 0x1p3}, missing values, unknown columns, a single-class target). Lines may end in LF, CRLF or CR.
 * Nothing is silently dropped or coerced.
 *
 * <pre>{@code
 * Dataset d = CsvLoader.from(Path.of("patients.csv"))
 *     .target("outcome")
 *     .categorical("sex", "site")      // kept as text; encode with OneHotEncoder.fit(train, ...)
 *     .group("patient_id")
 *     .load();
 * }</pre>
 *
 * <p>Missing values are cells that are empty or hold {@code NA}; by default they are an error. Call
 * {@link #allowMissing()} to keep them and impute with {@link Imputer} fitted on the training part.
 */
public final class CsvLoader {

  private static final Pattern NON_FINITE =
      Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
  /** A number as CSV files write it: optional sign, digits with an optional point, optional exponent. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  /** Most columns a file may have. */
  static final int MAX_COLUMNS = 100_000;
  private static final String[] MISSING = {"", "NA"};

  private final Path file;
  private String target;
  private List<String> labels;
  private List<String> features;
  private final Set<String> categorical = new HashSet<>();
  private String group;
  private String time;
  private List<String> classNames;
  private Boolean header;
  private char separator = ',';
  private boolean allowMissing;
  private Boolean regression;

  private CsvLoader(Path file) {
    this.file = file;
  }

  /** Starts loading the given file. */
  public static CsvLoader from(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("CsvLoader.from needs a file path, got null");
    }
    return new CsvLoader(file);
  }

  /** Starts loading the given file. */
  public static CsvLoader from(String file) {
    return from(Path.of(file));
  }

  /**
   * Several 0/1 (or true/false) label columns as the target: a multi-label dataset (see {@link
   * DatasetBuilder#targets(String...)}).
   */
  public CsvLoader targets(String... columns) {
    this.labels = List.of(columns);
    return this;
  }

  /** The target column (omit for an unlabelled dataset). */
  public CsvLoader target(String column) {
    this.target = column;
    return this;
  }

  /** Feature columns in order (default: every column without another role). */
  public CsvLoader features(String... columns) {
    this.features = List.of(columns);
    return this;
  }

  /** Features that hold categories (text); they are kept as text for {@link OneHotEncoder}. */
  public CsvLoader categorical(String... columns) {
    categorical.addAll(Arrays.asList(columns));
    return this;
  }

  /** The group (patient) column. */
  public CsvLoader group(String column) {
    this.group = column;
    return this;
  }

  /** The time column. */
  public CsvLoader time(String column) {
    this.time = column;
    return this;
  }

  /** Class names in index order (see {@link DatasetBuilder#classNames(List)}). */
  public CsvLoader classNames(String... names) {
    this.classNames = List.of(names);
    return this;
  }

  /** Treat the target as a real number. */
  public CsvLoader regression() {
    this.regression = true;
    return this;
  }

  /** Treat the target as classes. */
  public CsvLoader classification() {
    this.regression = false;
    return this;
  }

  /** Whether the first line is a header (default: detected, a header has a non-numeric cell). */
  public CsvLoader header(boolean hasHeader) {
    this.header = hasHeader;
    return this;
  }

  /** Field separator (default {@code ,}). */
  public CsvLoader separator(char sep) {
    this.separator = sep;
    return this;
  }

  /** Keep missing feature values (empty or {@code NA}) instead of failing; impute them later. */
  public CsvLoader allowMissing() {
    this.allowMissing = true;
    return this;
  }

  /** Reads, checks and builds the dataset. */
  public Dataset load() {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("No such file: " + file.toAbsolutePath());
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("Expected a CSV file but " + file.toAbsolutePath() + " is a directory");
    }
    InputFiles.requireRegularFile(file, "CSV file");
    List<String[]> records = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    String lineEnding = lineEnding();
    checkUtf8(lineEnding);
    parse(records, lines, lineEnding);
    if (records.isEmpty()) {
      throw new IllegalArgumentException("File " + file + " is empty; expected a header line and data rows");
    }
    boolean hasHeader = header != null ? header : looksLikeHeader(records.get(0));
    int width = records.get(0).length;
    int firstData = hasHeader ? 1 : 0;
    if (records.size() == firstData) {
      throw new IllegalArgumentException("File " + file + " has a header but no data rows");
    }
    String[] names = hasHeader ? records.get(0) : defaultNames(width);
    for (int r = 1; r < records.size(); r++) {
      if (records.get(r).length != width) {
        throw new IllegalArgumentException(
            "File " + file + " line " + lines.get(r) + " has " + records.get(r).length + " fields, expected "
                + width + (hasHeader ? " as in the header" : " as in the first line"));
      }
    }
    for (int r = firstData; r < records.size(); r++) {
      String[] rec = records.get(r);
      for (int c = 0; c < width; c++) {
        if (rec[c] != null && NON_FINITE.matcher(rec[c].trim()).matches()) {
          throw new IllegalArgumentException(
              "File " + file + " line " + lines.get(r) + " column '" + names[c] + "': '" + rec[c]
                  + "' is not a finite number; leave the cell empty or write NA for a missing value");
        }
      }
    }
    Table table = readTable(hasHeader, names, lineEnding);
    checkNumbers(table, records, lines, firstData, names);
    Set<String> present = new HashSet<>(table.columnNames());
    List<String> roleless = new ArrayList<>();
    List<String> roles = new ArrayList<>(Arrays.asList(target, group, time));
    if (labels != null) {
      roles.addAll(labels);
    }
    for (String role : roles) {
      if (role != null && !present.contains(role)) {
        throw new IllegalArgumentException("File " + file + " has no column '" + role + "'"
            + ColumnNames.hint(role, table.columnNames()) + "; columns are " + table.columnNames());
      }
    }
    for (String c : categorical) {
      if (!present.contains(c)) {
        throw new IllegalArgumentException("File " + file + " has no column '" + c + "' (declared categorical)"
            + ColumnNames.hint(c, table.columnNames()) + "; columns are " + table.columnNames());
      }
    }
    List<String> feats = features;
    if (feats == null) {
      feats = new ArrayList<>();
      for (String c : table.columnNames()) {
        if (!c.equals(target) && !c.equals(group) && !c.equals(time) && (labels == null || !labels.contains(c))) {
          feats.add(c);
        }
      }
    }
    for (String f : feats) {
      if (!present.contains(f)) {
        throw new IllegalArgumentException("File " + file + " has no column '" + f + "' for a feature"
            + ColumnNames.hint(f, table.columnNames()) + "; columns are " + table.columnNames());
      }
      roleless.add(f);
    }
    for (String f : roleless) {
      Column<?> col = table.column(f);
      if (!categorical.contains(f) && !(col instanceof NumericColumn<?>) && !(col instanceof BooleanColumn)) {
        throw notNumeric(records, lines, firstData, names, f, col);
      }
      if (!allowMissing && col.countMissing() > 0) {
        throw missing(col, firstData, lines);
      }
    }
    DatasetBuilder b = Dataset.builder(table).features(feats);
    if (target != null) {
      b = b.target(target);
      if (classNames != null) {
        b = b.classNames(classNames);
      }
      if (Boolean.TRUE.equals(regression)) {
        b = b.regression();
      } else if (Boolean.FALSE.equals(regression)) {
        b = b.classification();
      }
      Column<?> y = table.column(target);
      if (y.countMissing() > 0) {
        throw missing(y, firstData, lines);
      }
    }
    if (labels != null) {
      b = b.targets(labels);
      for (String l : labels) {
        Column<?> y = table.column(l);
        for (int i = 0; i < y.size(); i++) {
          if (y.isMissing(i)) {
            throw new IllegalArgumentException("File " + file + " line " + lines.get(i + firstData) + ": label column '"
                + l + "' is missing (" + y.countMissing() + " missing in all); every label needs 0 or 1");
          }
        }
      }
    }
    if (group != null) {
      b = b.group(group);
    }
    if (time != null) {
      b = b.time(time);
    }
    Dataset data;
    try {
      data = b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("File " + file + ": " + e.getMessage(), e);
    }
    if (data.task() == Task.CLASSIFICATION) {
      int[] counts = data.classCountsArray();
      long present2 = Arrays.stream(counts).filter(c -> c > 0).count();
      if (present2 < 2) {
        throw new IllegalArgumentException(
            "File " + file + ": target '" + target + "' has a single class " + data.classCounts()
                + "; classification needs at least 2 classes");
      }
    }
    return data;
  }

  /** The line ending of the file, from its first line break: {@code \\n}, {@code \\r\\n} or {@code \\r}. */
  private String lineEnding() {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(1 << 20);
      for (int i = 0; i < head.length; i++) {
        if (head[i] == '\n') {
          return "\n";
        }
        if (head[i] == '\r') {
          return i + 1 < head.length && head[i + 1] == '\n' ? "\r\n" : "\r";
        }
      }
      return "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Fails naming the line when the file is not valid UTF-8 (before any parser sees it). */
  private void checkUtf8(String lineEnding) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    byte lineByte = (byte) lineEnding.charAt(lineEnding.length() - 1);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long line = 1;
    long offset = 0;
    try (ReadableByteChannel ch = Files.newByteChannel(file)) {
      boolean eof = false;
      while (true) {
        eof = eof || ch.read(in) < 0;
        in.flip();
        int start = in.position();
        CoderResult r = decoder.decode(in, out, eof);
        for (int i = start; i < in.position(); i++) {
          if (in.get(i) == lineByte) {
            line++;
          }
        }
        if (r.isError()) {
          int at = in.position();
          throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
              "File %s line %d is not valid UTF-8 text (byte 0x%02X at offset %d); save the file as UTF-8", file,
              line, in.get(at) & 0xFF, offset + at));
        }
        out.clear();
        offset += in.position();
        in.compact();
        if (eof && r.isUnderflow() && in.position() == 0) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private void parse(List<String[]> records, List<Long> lines, String lineEnding) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(separator);
    settings.getFormat().setLineSeparator(lineEnding);
    settings.setSkipEmptyLines(true);
    settings.setMaxColumns(MAX_COLUMNS);
    settings.setMaxCharsPerColumn(-1);
    settings.setNullValue(null);
    settings.setEmptyValue("");
    settings.setErrorContentLength(0);
    settings.setReadInputOnSeparateThread(false);
    CsvParser parser = new CsvParser(settings);
    // strict decoding: a byte sequence that is not UTF-8 is an error, not a replacement character
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (Reader reader = new java.io.BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8))) {
      parser.beginParsing(reader);
      String[] rec;
      while ((rec = parser.parseNext()) != null) {
        if (rec.length == 1 && (rec[0] == null || rec[0].isBlank())) {
          continue;
        }
        records.add(rec);
        lines.add(parser.getContext().currentLine());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    } catch (TextParsingException e) {
      throw parseError(e, lines.isEmpty() ? 1 : lines.get(lines.size() - 1) + 1);
    } finally {
      parser.stopParsing();
    }
  }

  /** A univocity parse failure as one line naming the file and line, without the parser's settings. */
  private IllegalArgumentException parseError(TextParsingException e, long lineNo) {
    String line = "line " + lineNo;
    Throwable cause = e.getCause();
    if (cause instanceof CharacterCodingException) {
      return new IllegalArgumentException("File " + file + " " + line + " is not valid UTF-8 text (" + cause
          + "); save the file as UTF-8", e);
    }
    if (cause instanceof ArrayIndexOutOfBoundsException
        || String.valueOf(e.getMessage()).contains("exceeded limit of " + MAX_COLUMNS)) {
      return new IllegalArgumentException("File " + file + " " + line + " has more than " + MAX_COLUMNS
          + " columns, the most a CSV file may have; split the file or store the matrix in another format", e);
    }
    String first = String.valueOf(cause == null ? e.getMessage() : cause.getMessage()).lines().findFirst().orElse("");
    return new IllegalArgumentException("File " + file + " " + line + " could not be parsed as CSV: " + first, e);
  }

  private Table readTable(boolean hasHeader, String[] names, String lineEnding) {
    CsvReadOptions.Builder opts = CsvReadOptions.builder(new Source(file.toFile(), StandardCharsets.UTF_8))
        .header(hasHeader)
        .separator(separator)
        .lineEnding(lineEnding)
        .maxNumberOfColumns(MAX_COLUMNS)
        .maxCharsPerColumn(-1)
        .sample(false)
        .missingValueIndicator(MISSING)
        .tableName(file.getFileName().toString());
    Table t;
    try {
      t = Table.read().usingOptions(opts.build());
    } catch (RuntimeException e) {
      String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new IllegalArgumentException("File " + file + " could not be read as CSV: " + first, e);
    }
    if (!hasHeader) {
      for (int c = 0; c < names.length; c++) {
        t.column(c).setName(names[c]);
      }
    }
    return t;
  }

  private static boolean looksLikeHeader(String[] first) {
    for (String cell : first) {
      if (cell != null && !cell.isBlank() && !DECIMAL.matcher(cell.trim()).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every cell of a column that was read as numbers must be written as a plain decimal number within the range
   * of a double: Java (and so Tablesaw) also reads {@code 7d}, {@code 2.5f}, {@code 0x1p3} and turns {@code
   * 1e999} into infinity, which would silently change the data.
   */
  private void checkNumbers(Table table, List<String[]> records, List<Long> lines, int firstData, String[] names) {
    for (int c = 0; c < names.length && c < table.columnCount(); c++) {
      if (!(table.column(c) instanceof NumericColumn<?>) || categorical.contains(names[c])) {
        continue;
      }
      for (int r = firstData; r < records.size(); r++) {
        String cell = records.get(r)[c];
        if (cell == null || cell.isBlank() || cell.trim().equals("NA")) {
          continue;
        }
        String t = cell.trim();
        if (!DECIMAL.matcher(t).matches()) {
          throw new IllegalArgumentException("File " + file + " line " + lines.get(r) + " column '" + names[c]
              + "': '" + cell + "' is not a plain decimal number (digits, an optional point and exponent); the other"
              + " cells of the column are numbers"
              + "; write it as a number or declare categorical(\"" + names[c] + "\") if the column holds categories");
        }
        if (Double.isInfinite(Double.parseDouble(t))) {
          throw new IllegalArgumentException("File " + file + " line " + lines.get(r) + " column '" + names[c]
              + "': '" + cell + "' is beyond the range of a double (about 1.8e308)");
        }
      }
    }
  }

  private static String[] defaultNames(int width) {
    String[] names = new String[width];
    for (int c = 0; c < width; c++) {
      names[c] = "C" + c;
    }
    return names;
  }

  private IllegalArgumentException notNumeric(
      List<String[]> records, List<Long> lines, int firstData, String[] names, String feature, Column<?> col) {
    int c = Arrays.asList(names).indexOf(feature);
    if (c >= 0) {
      for (int r = firstData; r < records.size(); r++) {
        String cell = records.get(r)[c];
        if (cell == null || cell.isBlank() || cell.trim().equals("NA")) {
          continue;
        }
        try {
          Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
          return new IllegalArgumentException(
              "File " + file + " line " + lines.get(r) + " column '" + feature + "': '" + cell
                  + "' is not a number; numeric features need numbers (declare categorical(\"" + feature
                  + "\") if the column holds categories)");
        }
      }
    }
    return new IllegalArgumentException(
        "File " + file + " column '" + feature + "' was read as " + col.type().name()
            + ", expected numbers; declare categorical(\"" + feature + "\") if it holds categories");
  }

  private IllegalArgumentException missing(Column<?> col, int firstData, List<Long> lines) {
    List<String> where = new ArrayList<>();
    for (int i = 0; i < col.size() && where.size() < 5; i++) {
      if (col.isMissing(i)) {
        where.add("line " + lines.get(i + firstData));
      }
    }
    return new IllegalArgumentException(
        "File " + file + " column '" + col.name() + "' has " + col.countMissing() + " missing value(s), first at "
            + where + "; call allowMissing() and impute on the training part (Imputer.fit(train, MEDIAN)),"
            + " or fix the file");
  }
}
