#!/bin/sh
# jcni launcher for the CNI plugin "@TYPE@", written by jcni's install.sh.
# Runs the JDK recorded at install time (@JAVA@) with the JVM flags and class path in
# @LIB@/jvm.args and the AOT cache trained at install time; re-run install.sh after changing the JDK.
# Absolute paths only: runtimes call plugins with a minimal environment (no JAVA_HOME, bare PATH).
exec '@JAVA@' '@@LIB@/jvm.args' '-XX:AOTCache=@LIB@/jcni.aot' io.jcni.plugin.launch.Main '@TYPE@'
