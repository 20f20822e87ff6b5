package io.workbench.signal.corpus;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.workbench.io.InputFiles;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small CSV file of a dataset layout read as text cells: a header and rows, with lookups that fail naming the
 * file, the line and the column. Quoted cells (PTB-XL's {@code scp_codes} holds commas) are read as RFC 4180 says.
 */
final class CsvFile {

  /** Largest layout CSV read (PTB-XL's database is about 7 MB). */
  static final long MAX_BYTES = 512L << 20;

  private final Path file;
  private final List<String> header;
  private final List<String[]> rows;
  private final List<Long> lines;

  private CsvFile(Path file, List<String> header, List<String[]> rows, List<Long> lines) {
    this.file = file;
    this.header = header;
    this.rows = rows;
    this.lines = lines;
  }

  /** Reads {@code file}; fails naming it when it is missing, not UTF-8, malformed or has no header. */
  static CsvFile read(Path file, String what) {
    byte[] bytes = InputFiles.readAll(file, what, MAX_BYTES);
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setSkipEmptyLines(true);
    settings.setMaxColumns(10_000);
    settings.setMaxCharsPerColumn(-1);
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setErrorContentLength(0);
    settings.setReadInputOnSeparateThread(false);
    CsvParser parser = new CsvParser(settings);
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<String[]> records = new ArrayList<>();
    List<Long> lineNos = new ArrayList<>();
    try (Reader r = new InputStreamReader(new ByteArrayInputStream(bytes), utf8)) {
      parser.beginParsing(r);
      String[] rec;
      while ((rec = parser.parseNext()) != null) {
        records.add(rec);
        lineNos.add(parser.getContext().currentLine());
      }
    } catch (TextParsingException | java.io.IOException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException(what + " " + file + " near line " + (lineNos.isEmpty() ? 1
          : lineNos.get(lineNos.size() - 1) + 1) + " is not valid UTF-8 CSV: "
          + String.valueOf(c.getMessage()).lines().findFirst().orElse(""), e);
    } finally {
      parser.stopParsing();
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException(what + " " + file + " is empty; expected a header line and rows");
    }
    List<String> head = Arrays.stream(records.get(0)).map(s -> s == null ? "" : s.strip()).toList();
    return new CsvFile(file, head, records.subList(1, records.size()), lineNos.subList(1, lineNos.size()));
  }

  Path file() {
    return file;
  }

  int rows() {
    return rows.size();
  }

  /** The position of a column, or a failure naming the file and listing its columns. */
  int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("File " + file + " has no column '" + name + "'; its columns are "
          + header);
    }
    return i;
  }

  /** The cell of a row (0-based data row) and column position; empty when the row is short. */
  String cell(int row, int column) {
    String[] r = rows.get(row);
    return column < r.length && r[column] != null ? r[column].strip() : "";
  }

  /** "file line N" of a data row, for messages. */
  String where(int row) {
    return "File " + file + " line " + lines.get(row);
  }

  /** A whole number in a cell ("15709" or "15709.0"), or a failure naming file, line and column. */
  long integer(int row, int column, String name) {
    String s = cell(row, column);
    try {
      double d = Double.parseDouble(s);
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return (long) d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(where(row) + ": column '" + name + "' is '" + InputFiles.printable(s)
        + "', expected a whole number");
  }
}
