import { allOptions, positionals } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';

/** What a completion script needs to know of one command. */
export interface CompletionSpec {
  name: string;
  options: string[];
  /** Its first argument is a commitment id, completed from the API. */
  takesCommitment: boolean;
  /** Options whose value is a file name. */
  fileOptions: string[];
}

export function completionSpecs(commands: readonly Command[]): CompletionSpec[] {
  return commands
    .filter((c) => !c.hidden)
    .map((c) => {
      return {
        name: c.name,
        options: Object.keys(allOptions(c)).map((o) => `--${o}`),
        takesCommitment: new RegExp(`^Usage: sla ${c.name} COMMITMENT`).test(c.help),
        fileOptions: Object.keys(c.options)
          .filter((o) => o === 'file' || o === 'output')
          .flatMap((o) => [`--${o}`, ...(c.options[o]?.short ? [`-${c.options[o]?.short}`] : [])]),
      };
    });
}

// The scripts ask `sla __ids` for commitment ids: it reads the API the user's shell is set up for,
// answers nothing when it cannot, and never prints an error into the prompt.
function bash(specs: CompletionSpec[]): string {
  const names = specs.map((s) => s.name).join(' ');
  const optionCases = specs.map((s) => `    ${s.name}) opts="${s.options.join(' ')}" ;;`).join('\n');
  const ids = specs
    .filter((s) => s.takesCommitment)
    .map((s) => s.name)
    .join('|');
  const files = [...new Set(specs.flatMap((s) => s.fileOptions))].join('|');
  return `# sla completion for bash: source <(sla completion bash)
_sla_complete() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -le 1 ]; then
    COMPREPLY=( $(compgen -W "${names} --help --version" -- "$cur") )
    return
  fi
  cmd="\${COMP_WORDS[1]}"
  case "$prev" in
    ${files || '-f'}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    case "$cmd" in
${optionCases}
    *) opts="--help" ;;
    esac
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    return
  fi
  case "$cmd" in
    ${ids || '__none'})
      if [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=( $(compgen -W "$(sla __ids 2>/dev/null)" -- "$cur") )
      fi ;;
    completion) COMPREPLY=( $(compgen -W "bash zsh fish" -- "$cur") ) ;;
  esac
}
complete -F _sla_complete sla
`;
}

function zsh(specs: CompletionSpec[]): string {
  const commands = specs.map((s) => `'${s.name}'`).join(' ');
  const optionCases = specs.map((s) => `      ${s.name}) opts=(${s.options.join(' ')}) ;;`).join('\n');
  const ids = specs
    .filter((s) => s.takesCommitment)
    .map((s) => s.name)
    .join('|');
  return `#compdef sla
# sla completion for zsh: source <(sla completion zsh)
_sla() {
  local -a opts
  if (( CURRENT == 2 )); then
    compadd -- ${commands} --help --version
    return
  fi
  local cmd=\${words[2]}
  if [[ \${words[CURRENT]} == -* ]]; then
    case $cmd in
${optionCases}
    esac
    compadd -- $opts
    return
  fi
  case $cmd in
    ${ids || '__none'}) (( CURRENT == 3 )) && compadd -- \${(f)"$(sla __ids 2>/dev/null)"} ;;
    completion) compadd -- bash zsh fish ;;
    *) _files ;;
  esac
}
compdef _sla sla
`;
}

function fish(specs: CompletionSpec[]): string {
  const lines = ['# sla completion for fish: sla completion fish | source', 'complete -c sla -f'];
  for (const spec of specs) {
    lines.push(`complete -c sla -n __fish_use_subcommand -a ${spec.name}`);
    for (const option of spec.options) {
      lines.push(`complete -c sla -n '__fish_seen_subcommand_from ${spec.name}' -l ${option.slice(2)}`);
    }
    if (spec.takesCommitment) {
      lines.push(
        `complete -c sla -n '__fish_seen_subcommand_from ${spec.name}' -a '(sla __ids 2>/dev/null)'`,
      );
    }
  }
  lines.push(`complete -c sla -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'`);
  return `${lines.join('\n')}\n`;
}

const SHELLS = { bash, zsh, fish } as const;

/** `sla completion SHELL`, built from the command list so it never falls behind it. */
export function completionCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'print a shell completion script (bash, zsh or fish)',
    offline: true,
    help: `Usage: sla completion bash|zsh|fish

Prints a script that completes commands, options and commitment ids (read from the API).
  bash:  source <(sla completion bash)      (or add that line to ~/.bashrc)
  zsh:   source <(sla completion zsh)       (or add that line to ~/.zshrc)
  fish:  sla completion fish | source       (or save it in ~/.config/fish/completions/sla.fish)`,
    options: {},
    async run(args, { io }) {
      const [shell] = positionals(args, 'completion', ['SHELL'], 1);
      const render = SHELLS[shell as keyof typeof SHELLS];
      if (!render) throw new UsageError(`unknown shell '${shell}'; choose bash, zsh or fish`, 'completion');
      io.stdoutRaw(render(completionSpecs(commands())));
      return EXIT.ok;
    },
  };
}

/** `sla __ids`: the active commitments' ids, one a line, for the completion scripts. */
export const idsCommand: Command = {
  name: '__ids',
  summary: 'commitment ids, for shell completion',
  hidden: true,
  help: 'Usage: sla __ids\n\nPrints the ids of the active commitments, one a line (used by shell completion).',
  options: {},
  async run(_args, { io, api }) {
    const listed = await api.request<{
      commitments?: Array<{ id?: string; evaluation?: { commitmentId?: string } }>;
    }>('GET', '/v1/commitments');
    for (const item of listed.commitments ?? []) {
      const id = item.id ?? item.evaluation?.commitmentId;
      if (id) io.stdout(id);
    }
    return EXIT.ok;
  },
};
