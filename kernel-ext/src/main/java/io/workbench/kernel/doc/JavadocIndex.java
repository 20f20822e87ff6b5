package io.workbench.kernel.doc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import javax.lang.model.element.Modifier;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The Javadoc of the workbench's public types and members, extracted from the sources when the kernel is built
 * ({@link #main}, run by the kernel module's build) into the resource {@code javadoc-index.json}, and read by the
 * kernel on its first inspection (never at start-up). Members are keyed as JShell names them: {@code
 * name(Type,Type)} with erased simple type names ({@code Object...} as {@code Object[]}), constructors by their
 * class's simple name, fields by name; record accessors and canonical constructors, which have no source of their
 * own, are documented from the record's {@code @param} tags; members without a comment inherit the comment of the
 * member they override in a documented supertype.
 *
 * <pre>{@code
 * java -cp kernel-classes io.workbench.kernel.doc.JavadocIndex OUT.json workbench-lib/src/main/java ...
 * JavadocIndex.shipped().member("Explain", "kernelShap(Model,Dataset)");
 * }</pre>
 */
public final class JavadocIndex {

  /** The resource, beside this class. */
  static final String RESOURCE = "javadoc-index.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Type> types;

  /** One documented type: its comment, its members' comments by key, and its supertypes' names as written. */
  record Type(Doc doc, Map<String, Doc> members, List<String> supertypes) {}

  private JavadocIndex(Map<String, Type> types) {
    this.types = types;
  }

  /** The index built into the kernel jar, loaded on first use. */
  public static JavadocIndex shipped() {
    return Shipped.INDEX;
  }

  private static final class Shipped {
    static final JavadocIndex INDEX = load();

    private static JavadocIndex load() {
      try (InputStream in = JavadocIndex.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          return new JavadocIndex(Map.of());
        }
        return fromJson(JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the kernel's " + RESOURCE, e);
      }
    }
  }

  /** The number of documented types. */
  public int size() {
    return types.size();
  }

  /**
   * The types whose qualified name is {@code name} or ends with {@code .name} (a simple name, or an outer and a
   * nested name such as {@code Imputer.Strategy}), by qualified name.
   */
  public Map<String, Doc> types(String name) {
    Map<String, Doc> out = new TreeMap<>();
    for (Map.Entry<String, Type> e : types.entrySet()) {
      if (e.getKey().equals(name) || e.getKey().endsWith("." + name)) {
        out.put(e.getKey(), e.getValue().doc());
      }
    }
    return out;
  }

  /**
   * The comment of a member of the types named {@code qualifier} (see {@link #types}): the member with exactly
   * this key, else the only member with the same name and number of parameters; null when none.
   */
  public Doc member(String qualifier, String key) {
    String name = key.contains("(") ? key.substring(0, key.indexOf('(')) : key;
    int arity = arity(key);
    Doc candidate = null;
    int candidates = 0;
    for (Map.Entry<String, Type> e : types.entrySet()) {
      if (!e.getKey().equals(qualifier) && !e.getKey().endsWith("." + qualifier)) {
        continue;
      }
      Doc exact = e.getValue().members().get(key);
      if (exact != null) {
        return exact;
      }
      for (Map.Entry<String, Doc> m : e.getValue().members().entrySet()) {
        String k = m.getKey();
        if (k.startsWith(name + "(") && arity(k) == arity) {
          candidate = m.getValue();
          candidates++;
        }
      }
    }
    return candidates == 1 ? candidate : null;
  }

  private static int arity(String key) {
    int open = key.indexOf('(');
    if (open < 0) {
      return -1;
    }
    String inside = key.substring(open + 1, key.length() - 1);
    return inside.isEmpty() ? 0 : inside.split(",").length;
  }

  // ---- reading and writing the resource ----

  static JavadocIndex fromJson(JsonNode root) throws IOException {
    Map<String, Type> types = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("types").properties()) {
      JsonNode t = e.getValue();
      Map<String, Doc> members = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> m : t.path("members").properties()) {
        members.put(m.getKey(), read(m.getValue()));
      }
      types.put(e.getKey(), new Type(t.has("doc") ? read(t.get("doc")) : Doc.EMPTY, members, List.of()));
    }
    return new JavadocIndex(types);
  }

  /** A stored comment; a body equal to the summary is stored once. */
  private static Doc read(JsonNode n) throws IOException {
    Doc d = JSON.treeToValue(n, Doc.class);
    return d.body().isEmpty() ? new Doc(d.summary(), d.summary(), d.params(), d.returns(), d.exceptions(),
        d.example(), d.deprecated()) : d;
  }

  private static JsonNode write(Doc d) {
    return JSON.valueToTree(d.body().equals(d.summary())
        ? new Doc(d.summary(), "", d.params(), d.returns(), d.exceptions(), d.example(), d.deprecated()) : d);
  }

  private JsonNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    ObjectNode ts = root.putObject("types");
    for (Map.Entry<String, Type> e : new TreeMap<>(types).entrySet()) {
      ObjectNode t = ts.putObject(e.getKey());
      if (!e.getValue().doc().isEmpty()) {
        t.set("doc", write(e.getValue().doc()));
      }
      ObjectNode ms = t.putObject("members");
      for (Map.Entry<String, Doc> m : new TreeMap<>(e.getValue().members()).entrySet()) {
        if (!m.getValue().isEmpty()) {
          ms.set(m.getKey(), write(m.getValue()));
        }
      }
    }
    return root;
  }

  // ---- building from sources ----

  /**
   * Writes the index of the public types in the given sources: {@code OUT.json SOURCE...}, each source a
   * {@code .java} file or a folder searched for them.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: JavadocIndex OUT.json SOURCE_FOLDER_OR_FILE...");
    }
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path p = Path.of(args[i]);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("package-info.java"))
              .sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new IllegalArgumentException("JavadocIndex: no source file or folder " + p);
      }
    }
    JavadocIndex index = build(files);
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path tmp = out.resolveSibling("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.writeString(tmp, JSON.writeValueAsString(index.toJson()), StandardCharsets.UTF_8);
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("JavadocIndex: " + index.size() + " types from " + files.size() + " files -> " + out);
  }

  /** Parses the files (the parser alone, no compilation) and collects their public API's comments. */
  static JavadocIndex build(List<Path> files) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("JavadocIndex needs a JDK (javax.tools finds no compiler)");
    }
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> sources = fm.getJavaFileObjectsFromPaths(files);
      JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, sources);
      List<CompilationUnitTree> units = new ArrayList<>();
      task.parse().forEach(units::add);
      Builder b = new Builder(DocTrees.instance(task));
      for (CompilationUnitTree unit : units) {
        b.constants(unit);   // first: comments may show {@value} of constants declared in any file
      }
      for (CompilationUnitTree unit : units) {
        b.unit(unit);
      }
      b.inherit();
      return new JavadocIndex(b.types);
    }
  }

  /** Collects types, members and constants from parsed files. */
  private static final class Builder {
    final DocTrees docs;
    final Map<String, Type> types = new LinkedHashMap<>();
    final Map<String, String> constants = new HashMap<>();
    final Map<String, List<String>> imports = new HashMap<>();

    Builder(DocTrees docs) {
      this.docs = docs;
    }

    /** Every {@code static final} (or interface) field initialised with a literal, as {@code Type#NAME}. */
    void constants(CompilationUnitTree unit) {
      forEachClass(unit, (name, c) -> {
        for (Tree m : c.getMembers()) {
          if (m instanceof VariableTree v && v.getInitializer() instanceof LiteralTree lit && lit.getValue() != null
              && (isInterface(c) || v.getModifiers().getFlags().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL)))) {
            constants.put(name + "#" + v.getName(), String.valueOf(lit.getValue()));
          }
        }
      });
    }

    void unit(CompilationUnitTree unit) {
      List<String> unitImports = new ArrayList<>();
      unitImports.add(packageOf(unit) + ".*");
      for (ImportTree imp : unit.getImports()) {
        if (!imp.isStatic()) {
          unitImports.add(imp.getQualifiedIdentifier().toString());
        }
      }
      for (Tree decl : unit.getTypeDecls()) {
        if (decl instanceof ClassTree c && c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
          type(new TreePath(new TreePath(unit), c), c, packageOf(unit), unitImports);
        }
      }
    }

    private void type(TreePath path, ClassTree c, String outer, List<String> unitImports) {
      String name = outer + "." + c.getSimpleName();
      Doc doc = comment(path, name);
      Map<String, Doc> members = new LinkedHashMap<>();
      List<String> supertypes = new ArrayList<>();
      if (c.getExtendsClause() != null) {
        supertypes.add(TypeNames.erase(c.getExtendsClause().toString()));
      }
      c.getImplementsClause().forEach(t -> supertypes.add(TypeNames.erase(t.toString())));
      List<VariableTree> components = new ArrayList<>();
      for (Tree m : c.getMembers()) {
        TreePath mp = new TreePath(path, m);
        Set<Modifier> flags = m instanceof ClassTree n ? n.getModifiers().getFlags()
            : m instanceof MethodTree mt ? mt.getModifiers().getFlags()
            : m instanceof VariableTree vt ? vt.getModifiers().getFlags() : Set.of();
        boolean visible = flags.contains(Modifier.PUBLIC) || isInterface(c) && !flags.contains(Modifier.PRIVATE);
        if (m instanceof ClassTree nested && visible) {
          type(mp, nested, name, unitImports);
        } else if (m instanceof MethodTree method && visible) {
          String n = method.getName().contentEquals("<init>") ? c.getSimpleName().toString()
              : method.getName().toString();
          List<String> params = new ArrayList<>();
          method.getParameters().forEach(v -> params.add(TypeNames.erase(v.getType().toString())));
          DocCommentTree t = docs.getDocCommentTree(mp);
          members.put(n + "(" + String.join(",", params) + ")",
              t == null || DocComments.inherits(t) ? Doc.EMPTY : DocComments.of(t, ref -> constant(ref, name)));
        } else if (m instanceof VariableTree v) {
          if (c.getKind() == Tree.Kind.RECORD && !flags.contains(Modifier.STATIC)) {
            components.add(v);
          } else if (visible || c.getKind() == Tree.Kind.ENUM && v.getType() == null || isEnumConstant(c, v)) {
            members.put(v.getName().toString(), comment(mp, name));
          }
        }
      }
      if (c.getKind() == Tree.Kind.RECORD) {
        recordMembers(doc, c.getSimpleName().toString(), components, members);
      }
      imports.put(name, unitImports);
      types.put(name, new Type(doc, members, supertypes));
    }

    private Doc comment(TreePath path, String owner) {
      DocCommentTree t = docs.getDocCommentTree(path);
      return t == null ? Doc.EMPTY : DocComments.of(t, ref -> constant(ref, owner));
    }

    /** The value of {@code {@value Class#NAME}} (or {@code #NAME} in the owner), or empty when unknown. */
    private String constant(String ref, String owner) {
      if (ref.isEmpty()) {
        return "";
      }
      int hash = ref.indexOf('#');
      String cls = hash <= 0 ? owner : ref.substring(0, hash);
      String field = hash < 0 ? ref : ref.substring(hash + 1);
      String direct = constants.get(cls + "#" + field);
      if (direct != null) {
        return direct;
      }
      for (Map.Entry<String, String> e : constants.entrySet()) {
        if (e.getKey().endsWith("." + cls + "#" + field)) {
          return e.getValue();
        }
      }
      return "";
    }

    /** Members without a comment take the comment of the member they override in a documented supertype. */
    void inherit() {
      for (Map.Entry<String, Type> e : types.entrySet()) {
        for (Map.Entry<String, Doc> m : e.getValue().members().entrySet()) {
          if (m.getValue().isEmpty()) {
            Doc found = fromSupertypes(e.getKey(), m.getKey(), 0);
            if (found != null) {
              m.setValue(found);
            }
          }
        }
      }
    }

    private Doc fromSupertypes(String type, String key, int depth) {
      Type t = types.get(type);
      if (t == null || depth > 10) {
        return null;
      }
      for (String sup : t.supertypes()) {
        String resolved = resolve(sup, type);
        if (resolved == null) {
          continue;
        }
        Doc d = types.get(resolved).members().get(key);
        if (d != null && !d.isEmpty()) {
          return d;
        }
        Doc deeper = fromSupertypes(resolved, key, depth + 1);
        if (deeper != null) {
          return deeper;
        }
      }
      return null;
    }

    /** A simple type name as the declaring file sees it: nested in the type, imported, or in its package. */
    private String resolve(String simple, String from) {
      if (types.containsKey(from + "." + simple)) {
        return from + "." + simple;
      }
      for (String imp : imports.getOrDefault(from, List.of())) {
        String candidate = imp.endsWith(".*") ? imp.substring(0, imp.length() - 1) + simple
            : imp.endsWith("." + simple) ? imp : null;
        if (candidate != null && types.containsKey(candidate)) {
          return candidate;
        }
      }
      return null;
    }

    private static String packageOf(CompilationUnitTree unit) {
      return unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    }

    private static boolean isInterface(ClassTree c) {
      return c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
    }

    private static boolean isEnumConstant(ClassTree c, VariableTree v) {
      return c.getKind() == Tree.Kind.ENUM && v.getModifiers().getFlags().containsAll(
          Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL));
    }

    /** Calls {@code action} with every class of the file (nested ones too) and its qualified name. */
    private static void forEachClass(CompilationUnitTree unit, java.util.function.BiConsumer<String, ClassTree> action) {
      for (Tree decl : unit.getTypeDecls()) {
        if (decl instanceof ClassTree c) {
          forEachClass(packageOf(unit) + "." + c.getSimpleName(), c, action);
        }
      }
    }

    private static void forEachClass(String name, ClassTree c, java.util.function.BiConsumer<String, ClassTree> action) {
      action.accept(name, c);
      for (Tree m : c.getMembers()) {
        if (m instanceof ClassTree nested) {
          forEachClass(name + "." + nested.getSimpleName(), nested, action);
        }
      }
    }
  }

  /** Accessors and the canonical constructor of a record: documented by the record's {@code @param} tags. */
  private static void recordMembers(Doc record, String simple, List<VariableTree> components,
      Map<String, Doc> members) {
    List<String> types = new ArrayList<>();
    for (VariableTree v : components) {
      types.add(TypeNames.erase(v.getType().toString()));
      String text = record.params().stream().filter(t -> t.name().contentEquals(v.getName()))
          .map(Doc.Tag::text).findFirst().orElse("");
      String accessor = v.getName() + "()";
      if (!text.isEmpty() && members.getOrDefault(accessor, Doc.EMPTY).isEmpty()) {
        members.put(accessor, new Doc(text, text, List.of(), "", List.of(), "", ""));
      }
    }
    String canonical = simple + "(" + String.join(",", types) + ")";
    if (members.getOrDefault(canonical, Doc.EMPTY).isEmpty()) {
      members.put(canonical, new Doc(record.summary(), record.body(), record.params(), "", List.of(),
          record.example(), record.deprecated()));
    }
  }
}
