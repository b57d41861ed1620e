import { Component, type ReactNode } from 'react';

interface Props {
  /** What could not be shown, to start the message: "This session", "The replay". */
  what: string;
  /** Shown instead of the default message, e.g. a table row that keeps its checkbox. */
  fallback?: (message: string) => ReactNode;
  /** A new value (e.g. the record, changed) tries to show the children again. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * One bad record breaks its own view, not the page: React unmounts the whole
 * tree on a render error, which left pages blank, with nothing to delete or
 * export.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) {
      this.setState({ error: null });
    }
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const message = `${this.props.what} cannot be shown: ${error.message}`;
    if (this.props.fallback) return this.props.fallback(message);
    return (
      <p role="alert" className="notice notice--error">
        {message}
      </p>
    );
  }
}
