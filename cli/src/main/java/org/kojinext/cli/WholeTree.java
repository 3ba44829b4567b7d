package org.kojinext.cli;

/** A command that reads the whole command tree (completion), so a run must register every command. */
public interface WholeTree {
}
