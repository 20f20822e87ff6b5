package io.workbench.data;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Loads a CSV file into a {@link Dataset}: header detection, Tablesaw type inference over every row,
 * target and features chosen by name, and strict checks that fail at once naming the file, line and
 * column (missing file, empty file, ragged rows, text in a numeric feature, NaN or infinite values,
 * missing values, unknown columns, a single-class target). Nothing is silently dropped or coerced.
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
    List<String[]> records = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    parse(records, lines);
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
    Table table = readTable(hasHeader, names);
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

  private void parse(List<String[]> records, List<Long> lines) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(separator);
    settings.setSkipEmptyLines(true);
    settings.setMaxColumns(100_000);
    settings.setMaxCharsPerColumn(-1);
    settings.setNullValue(null);
    settings.setEmptyValue("");
    CsvParser parser = new CsvParser(settings);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
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
    } finally {
      parser.stopParsing();
    }
  }

  private Table readTable(boolean hasHeader, String[] names) {
    CsvReadOptions.Builder opts = CsvReadOptions.builder(file.toFile())
        .header(hasHeader)
        .separator(separator)
        .sample(false)
        .missingValueIndicator(MISSING)
        .tableName(file.getFileName().toString());
    Table t;
    try {
      t = Table.read().usingOptions(opts.build());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("File " + file + " could not be read as CSV: " + e.getMessage(), e);
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
      if (cell == null || cell.isBlank()) {
        continue;
      }
      try {
        Double.parseDouble(cell.trim());
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return false;
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
