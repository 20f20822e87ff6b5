package io.workbench.kernel.exec;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites the bytecode of cell classes before they load: a call to {@link CellGuard#check()} at every
 * method entry and before every backward jump (loops), and {@code System.exit}/{@code Runtime.exit}/{@code
 * Runtime.halt} redirected to {@link CellGuard}. This works the same on JDK 17 (where {@code Thread.stop}
 * still exists) and JDK 20+ (where it does not): interrupting a cell never needs to kill a thread.
 *
 * <pre>{@code
 * byte[] safe = CellInstrumenter.instrument(classBytes);
 * }</pre>
 */
public final class CellInstrumenter {

  private static final String GUARD = "io/workbench/kernel/exec/CellGuard";

  private CellInstrumenter() {}

  /** The instrumented class file. */
  public static byte[] instrument(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(
          int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
          return mv;
        }
        return new GuardWeaver(mv);
      }
    }, 0);
    return writer.toByteArray();
  }

  private static final class GuardWeaver extends MethodVisitor {
    private final Set<Label> seen = new HashSet<>();

    GuardWeaver(MethodVisitor mv) {
      super(Opcodes.ASM9, mv);
    }

    private void check() {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "check", "()V", false);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      check();
    }

    @Override
    public void visitLabel(Label label) {
      seen.add(label);
      super.visitLabel(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      if (seen.contains(label)) {
        check();
      }
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      if (backward(dflt, labels)) {
        check();
      }
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      if (backward(dflt, labels)) {
        check();
      }
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    private boolean backward(Label dflt, Label[] labels) {
      if (seen.contains(dflt)) {
        return true;
      }
      for (Label l : labels) {
        if (seen.contains(l)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
      if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
          && name.equals("exit") && desc.equals("(I)V")) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "exit", "(I)V", false);
      } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
          && (name.equals("exit") || name.equals("halt")) && desc.equals("(I)V")) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "runtimeExit", "(Ljava/lang/Runtime;I)V", false);
      } else {
        super.visitMethodInsn(opcode, owner, name, desc, itf);
      }
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
      Object[] rewritten = args.clone();
      for (int i = 0; i < rewritten.length; i++) {
        if (rewritten[i] instanceof Handle h) {
          rewritten[i] = redirect(h);
        }
      }
      super.visitInvokeDynamicInsn(name, desc, bsm, rewritten);
    }

    private static Handle redirect(Handle h) {
      if (h.getTag() == Opcodes.H_INVOKESTATIC && h.getOwner().equals("java/lang/System")
          && h.getName().equals("exit")) {
        return new Handle(Opcodes.H_INVOKESTATIC, GUARD, "exit", "(I)V", false);
      }
      if (h.getTag() == Opcodes.H_INVOKEVIRTUAL && h.getOwner().equals("java/lang/Runtime")
          && (h.getName().equals("exit") || h.getName().equals("halt"))) {
        return new Handle(Opcodes.H_INVOKESTATIC, GUARD, "runtimeExit", "(Ljava/lang/Runtime;I)V", false);
      }
      return h;
    }
  }
}
