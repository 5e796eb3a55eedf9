/**
 * `bcase completion bash|zsh`: shell completion scripts generated from the command line's own
 * grammar (cli/bcase.ts), so a new command or option completes without a change here: commands,
 * options per command, the values of options with choices (`-f`, `--lang`, `--csv-dialect`),
 * files for file arguments and output options.
 */
import type { Command, Option } from "commander";

interface OptionInfo { flags: string[]; takesValue: boolean; choices?: readonly string[]; files: boolean; description: string }
interface CommandInfo { name: string; description: string; options: OptionInfo[]; fileArgs: boolean; argChoices?: readonly string[] }

const FILE_OPTIONS = new Set(["--output", "--xlsx", "--csv"]);

function optionInfo(o: Option): OptionInfo {
  const flags = [o.short, o.long].filter((f): f is string => f !== undefined);
  return { flags, takesValue: o.required || o.optional, ...(o.argChoices ? { choices: o.argChoices } : {}), files: o.long !== undefined && FILE_OPTIONS.has(o.long), description: o.description };
}

function grammar(program: Command): { global: OptionInfo[]; commands: CommandInfo[] } {
  const global = program.options.map(optionInfo);
  global.push({ flags: ["-h", "--help"], takesValue: false, files: false, description: "help" });
  const commands = program.commands.map((c) => {
    const args = c.registeredArguments;
    const choices = args[0]?.argChoices;
    return { name: c.name(), description: c.description(), options: c.options.map(optionInfo), fileArgs: args.length > 0 && choices === undefined, ...(choices ? { argChoices: choices } : {}) };
  });
  return { global, commands };
}

/** A word list for bash's compgen -W. */
const words = (xs: readonly string[]) => xs.join(" ");

function bash(program: Command): string {
  const { global, commands } = grammar(program);
  const names = commands.map((c) => c.name);
  const globalFlags = global.flatMap((o) => o.flags);
  const globalWithValue = global.filter((o) => o.takesValue).flatMap((o) => o.flags);
  const valueCases = (opts: OptionInfo[]) => opts.filter((o) => o.takesValue).map((o) => {
    const reply = o.choices ? `COMPREPLY=($(compgen -W "${words(o.choices)}" -- "$cur"))` : o.files ? `COMPREPLY=($(compgen -f -- "$cur"))` : "COMPREPLY=()";
    return `        ${o.flags.join("|")}) ${reply}; return ;;`;
  }).join("\n");
  const commandCase = (c: CommandInfo) => {
    const flags = [...c.options.flatMap((o) => o.flags), ...globalFlags];
    const positional = c.argChoices ? `COMPREPLY=($(compgen -W "${words(c.argChoices)}" -- "$cur"))` : c.fileArgs ? `COMPREPLY=($(compgen -f -- "$cur"))` : "COMPREPLY=()";
    const values = valueCases(c.options);
    return `    ${c.name})
${values ? `      case $prev in\n${values}\n      esac\n` : ""}      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${words(flags)}" -- "$cur")); else ${positional}; fi ;;`;
  };
  return `# bcase completion for bash. Load it with:  source <(bcase completion bash)
# or save it as ~/.local/share/bash-completion/completions/bcase
_bcase() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      ${globalWithValue.join("|")}) ((i++)) ;;
      -*) ;;
      *) cmd=\${COMP_WORDS[i]}; break ;;
    esac
  done
  case $prev in
${valueCases(global)}
  esac
  case $cmd in
    "") COMPREPLY=($(compgen -W "${words([...names, "help", ...globalFlags])}" -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "${words(names)}" -- "$cur")) ;;
${commands.map(commandCase).join("\n")}
  esac
}
complete -o filenames -F _bcase bcase
`;
}

/** Text safe inside a single-quoted zsh _arguments spec or _describe entry. */
const zq = (s: string) => s.replace(/\s+/g, " ").replace(/\\/g, "\\\\").replace(/([[\]:])/g, "\\$1").replace(/'/g, "'\\''");
const short = (s: string) => { const first = s.split(/[;(]/)[0]!.trim(); return first.length > 70 ? `${first.slice(0, 67)}...` : first; };

function zshSpecs(opts: OptionInfo[]): string[] {
  return opts.flatMap((o) => {
    const excl = o.flags.length > 1 ? `(${o.flags.join(" ")})` : "";
    const action = o.choices ? `:${o.flags.at(-1)!.replace(/^-+/, "")}:(${o.choices.join(" ")})` : o.files ? ":file:_files" : o.takesValue ? ":value: " : "";
    return o.flags.map((f) => {
      const takes = o.takesValue ? (f.startsWith("--") ? "=" : "+") : "";
      return `'${excl}${f}${takes}[${zq(short(o.description))}]${action}'`;
    });
  });
}

function zsh(program: Command): string {
  const { global, commands } = grammar(program);
  const g = zshSpecs(global).join(" \\\n    ");
  const commandCase = (c: CommandInfo) => {
    const positional = c.argChoices ? ` '1:shell:(${c.argChoices.join(" ")})'` : c.fileArgs ? " '1:file:_files'" : "";
    return `      (${c.name}) _arguments -s $global ${zshSpecs(c.options).join(" ")}${positional} ;;`;
  };
  return `#compdef bcase
# bcase completion for zsh. Save it as _bcase in a folder of $fpath (then run compinit):
#   bcase completion zsh > "\${fpath[1]}/_bcase"
# or load it in this session (after compinit):  source <(bcase completion zsh)
_bcase() {
  local curcontext="$curcontext" state line
  typeset -A opt_args
  local -a global
  global=(${g})
  _arguments -C -s $global '1: :->command' '*:: :->args' && return
  case $state in
    (command)
      local -a commands
      commands=(${commands.map((c) => `'${zq(c.name)}:${zq(short(c.description))}'`).join(" ")} 'help:help')
      _describe -t commands command commands ;;
    (args)
      case $words[1] in
${commands.map(commandCase).join("\n")}
      (help) compadd -- ${commands.map((c) => c.name).join(" ")} ;;
      esac ;;
  esac
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then _bcase "$@"; else compdef _bcase bcase; fi
`;
}

export function completionScript(program: Command, shell: "bash" | "zsh"): string {
  return shell === "bash" ? bash(program) : zsh(program);
}
