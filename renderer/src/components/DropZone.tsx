import { useRef, useState, type DragEvent } from 'react';

/** Drag a file onto it, or press the button (keyboard) to pick one. */
export function DropZone(props: { accept: string; onFile: (file: File) => void; label: string; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !props.disabled) props.onFile(file);
  };
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>{props.label}</p>
      <button type="button" onClick={() => input.current?.click()} disabled={props.disabled}>
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onFile(file);
          e.target.value = '';
        }}
      />
    </div>
  );
}
